#!/usr/bin/env bash
# Runs every test: the Java unit tests, then the kernel, notebook, front-end (JupyterLab 4,
# Notebook 7), HTML export, book and Binder tests under the project's virtualenv.
# Installs what is missing first (scripts/setup.sh --for-tests).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh --for-tests
mvn -B verify
.venv/bin/python tests/run_tests.py
