#!/usr/bin/env python3
"""Runs every Python test in tests/ (unittest discovery of test_*.py), one line per test, and
ends with the line `N passed, N failed` (", N skipped" follows when tests were skipped).
Exit status is non-zero when any test failed or erred. Run with the project's virtualenv (made by
scripts/setup.sh --for-tests):  .venv/bin/python tests/run_tests.py [-k pattern]

With --second-jdk (test.sh passes it), the kernel suites and every notebook run a second time on
another JDK than the one the kernel was built with: $NEURALODE_SECOND_JAVA (a java executable),
or else the newest other JDK 17+ with javac found in the usual places (/usr/lib/jvm, SDKMAN,
macOS). The closing line counts both passes.
"""
import argparse
import glob
import os
import subprocess
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
# What the second JDK runs: the kernel's conformance, protocol, magics and safety suites (with
# %maven's timeouts and late thread output), the long cells' suite, and every notebook.
SECOND_JDK_FILES = ("test_kernel_jkt.py", "test_protocol.py", "test_kernel_magics.py",
                    "test_kernel_safety.py", "test_kernel_maven_and_threads.py", "test_long_cells.py",
                    "test_notebooks.py")
# The solutions run the student notebooks' code plus the exercises' answers: on the second JDK the
# notebooks themselves suffice, and ./test.sh stays within its time.
SECOND_JDK_SKIPS = ("test_every_solution_passes_its_checks",)


def java_feature(java):
    """The feature release of a java executable (17, 25, ...), or None if it does not run."""
    try:
        out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True,
                             text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in out.splitlines():
        if line.strip().startswith("java.specification.version ="):
            version = line.split("=", 1)[1].strip()
            return int(version.split(".")[-1]) if version.startswith("1.") else int(version)
    return None


def second_java(built_with):
    """The java for the second pass: $NEURALODE_SECOND_JAVA, or the newest other JDK found."""
    named = os.environ.get("NEURALODE_SECOND_JAVA")
    if named:
        return named
    found = {}
    homes = (glob.glob("/usr/lib/jvm/*") + glob.glob(os.path.expanduser("~/.sdkman/candidates/java/*"))
             + glob.glob("/Library/Java/JavaVirtualMachines/*/Contents/Home"))
    for home in homes:
        java, javac = os.path.join(home, "bin", "java"), os.path.join(home, "bin", "javac")
        if os.path.islink(home) or not (os.access(java, os.X_OK) and os.access(javac, os.X_OK)):
            continue
        feature = java_feature(java)
        if feature and feature >= 17 and feature != built_with:
            found.setdefault(feature, java)
    return found[max(found)] if found else None


def built_java():
    """The java in the built kernelspec's argv (the JDK scripts/setup.sh chose)."""
    import json
    spec = json.loads((HERE.parent / "kernel" / "target" / "kernelspec" / "neuralode-java" / "kernel.json").read_text())
    return next(a for a in spec["argv"] if a.endswith("/bin/java"))


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
    parser.add_argument("--second-jdk", action="store_true",
                        help="then run the kernel suites and the notebooks on a second JDK")
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

    passed, failed, skipped = counts(result)
    ran = result.testsRun
    if args.second_jdk:
        first_java = built_java()
        java = second_java(java_feature(first_java))
        if java is None:
            print(f"\nSecond JDK: none found besides {first_java} (set NEURALODE_SECOND_JAVA); skipped")
        else:
            print(f"\n{passed} passed, {failed} failed on {first_java}")
            print(f"\nSecond pass: the kernel suites and every notebook on {java} "
                  f"(Java {java_feature(java)}); the kernel was built with {first_java}\n", flush=True)
            os.environ["NEURALODE_TEST_JAVA"] = java
            import kernel_helpers
            import test_notebooks
            kernel_helpers.METRICS.clear()
            kernel_helpers.EXECUTED = kernel_helpers.BUILD / f"executed-java{java_feature(java)}"
            test_notebooks.EXECUTED_SOLUTIONS = kernel_helpers.EXECUTED / "solutions"
            second = unittest.TestSuite()
            for name in SECOND_JDK_FILES:
                kept = unittest.TestSuite(
                    test for test in iterate(loader.discover(str(HERE), pattern=name, top_level_dir=str(HERE)))
                    if not any(skip in test.id() for skip in SECOND_JDK_SKIPS))
                second.addTest(kept)
            start = time.monotonic()
            result2 = runner.run(unittest.TestSuite(sorted(second, key=run_order)))
            if kernel_helpers.METRICS:
                print("\nMeasured on the second JDK (benchmark figures, not assertions):")
                for name, value in kernel_helpers.METRICS:
                    print(f"  {name}: {value}")
            print(f"  second pass wall time: {time.monotonic() - start:.1f} s")
            p2, f2, s2 = counts(result2)
            passed, failed, skipped, ran = passed + p2, failed + f2, skipped + s2, ran + result2.testsRun

    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed or ran == 0 else 0


def counts(result):
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    return result.passed + len(result.expectedFailures), failed, len(result.skipped)


if __name__ == "__main__":
    sys.exit(main())
