#!/usr/bin/env python3
"""Runs every Python test in tests/ (unittest discovery of test_*.py), one line per test, and
ends with the line `N passed, N failed` (", N skipped" follows when tests were skipped).
Exit status is non-zero when any test failed or erred. Run with the project's virtualenv (made by
scripts/setup.sh --for-tests):  .venv/bin/python tests/run_tests.py [-k pattern]
"""
import argparse
import sys
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent


class CountingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.passed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1


FIRST = ("test_kernel", "test_protocol", "test_notebooks")


def run_order(module_suite):
    name = next((type(t).__module__ for t in iterate(module_suite)), "")
    for rank, prefix in enumerate(FIRST):
        if name.startswith(prefix):
            return (rank, name)
    return (len(FIRST), name)


def iterate(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from iterate(item)
        else:
            yield item


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", dest="patterns", action="append",
                        help="only run tests whose name contains this substring")
    parser.add_argument("-p", "--pattern", default="test_*.py", help="test file pattern")
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    loader = unittest.TestLoader()
    if args.patterns:
        loader.testNamePatterns = [f"*{p}*" for p in args.patterns]
    discovered = loader.discover(str(HERE), pattern=args.pattern, top_level_dir=str(HERE))
    # The notebook test executes every notebook into build/executed/; the browser and book tests
    # reuse those executions, so it runs before them (discovery alone would go alphabetically).
    suite = unittest.TestSuite(sorted(discovered, key=run_order))
    runner = unittest.TextTestRunner(verbosity=2, resultclass=CountingResult, stream=sys.stdout)
    start = time.monotonic()
    result = runner.run(suite)
    wall = time.monotonic() - start

    try:
        import kernel_helpers
        if kernel_helpers.METRICS:
            print("\nMeasured (benchmark figures, not assertions):")
            for name, value in kernel_helpers.METRICS:
                print(f"  {name}: {value}")
    except ImportError:
        pass
    print(f"  Python test suite wall time: {wall:.1f} s")
    frontends = sys.modules.get("test_frontends")
    if frontends is not None and frontends.table():
        print("\nFigures in the front ends (drawn / emitted, after Run All Cells):")
        print(frontends.table())

    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    line = f"{result.passed + len(result.expectedFailures)} passed, {failed} failed"
    if result.skipped:
        line += f", {len(result.skipped)} skipped"
    print(line)
    return 1 if failed or result.testsRun == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
