#!/usr/bin/env bash
# The kernel's figures on one JDK (cold start, round trip, stop latencies, the heap guard, memory
# after notebook 05): bench/kernel.sh [--java /path/to/bin/java] [--repeat N]. Needs scripts/setup.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec .venv/bin/python bench/kernel_figures.py "$@"
