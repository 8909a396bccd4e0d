#!/usr/bin/env bash
# How the cost of a gradient grows with the state dimension d, the hidden width w and the batch B,
# for backprop and the adjoint (see ScaleBenchmark.java). One line per size and mode.
# Usage, from the project root: bench/scale.sh [--sizes d:w:B,...] [--seconds S] [--min-iterations N]
# BENCH_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=scale.jfr to profile).
# Builds the library and the bench module (see build-classpath.sh), then runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-classpath.sh"
exec java -XX:+UseSerialGC -Xmx4g ${BENCH_JAVA_OPTS:-} -cp "$classpath" org.neuralode.bench.ScaleBenchmark "$@"
