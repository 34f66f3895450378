"""What one benchmarked process cost."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Timing:
    seconds: float
    rss_mb: float


def compile_package() -> None:
    """Bytecode for the (editable) package's sources, which an installed package has and a
    checkout may lack (PYTHONDONTWRITEBYTECODE, files changed since): without it every
    command would be timed compiling the modules it imports."""
    source = Path(__file__).resolve().parent.parent / "src"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(source)], check=True)
