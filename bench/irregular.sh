#!/usr/bin/env bash
# Notebook 09's table of irregular-time-series models; see IrregularBenchmark.java.
# Usage, from the project root: bench/irregular.sh --iterations N
# Builds the library and the bench module (see build-classpath.sh), then runs.
# NB_TARGET selects the build folder (default target-bench).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-classpath.sh"
exec java -XX:+UseSerialGC -cp "$classpath" org.neuralode.bench.IrregularBenchmark "$@"
