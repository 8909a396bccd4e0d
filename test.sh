#!/usr/bin/env bash
# Runs every test: the Java unit tests, then the kernel, notebook, browser and Binder tests.
# Installs what is missing first (Jupyter and Chromium from Debian packages, the kernel).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh --for-tests
mvn -B verify
/usr/bin/python3 tests/run_tests.py
