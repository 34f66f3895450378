"""python -m podnotes"""

from podnotes.entry import main

main()
