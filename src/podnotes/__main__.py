"""python -m podnotes"""

from podnotes.cli import main

main()
