#!/usr/bin/env bash
# The rate of Dense's products alone, GFLOP/s, forward and vjp, at scale.sh's layer shapes
# (see DenseBenchmark.java). Usage, from the project root:
#   bench/dense.sh [--shapes in:out:B,...] [--seconds S]
# Builds the library and the bench module (see build-classpath.sh), then runs on one core
# (taskset -c ${BENCH_CPU:-0}, when there is one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-classpath.sh"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "${BENCH_CPU:-0}"); fi
exec "${pin[@]}" java -XX:+UseSerialGC -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$classpath" org.neuralode.bench.DenseBenchmark "$@"
