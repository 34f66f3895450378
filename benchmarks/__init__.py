"""podnotes benchmarks: `make bench` or `python -m benchmarks`; never part of the test run."""
