#!/usr/bin/env bash
# Runs every test: the Java unit tests, then the kernel, notebook, front-end (JupyterLab 4,
# Notebook 7), HTML export, book and Binder tests under the project's virtualenv.
# scripts/setup.sh --for-tests --verify installs what is missing, builds with `mvn -B verify` (the
# Java tests) and installs the kernelspec. Then the kernel suites and every notebook run a second
# time on another JDK if the machine has one ($NEURALODE_SECOND_JAVA, or found in /usr/lib/jvm):
# what works on JDK 17 must work on the newest LTS too.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh --for-tests --verify
.venv/bin/python tests/run_tests.py --second-jdk
