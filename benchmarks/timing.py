"""What one benchmarked process cost."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Timing:
    seconds: float
    rss_mb: float
