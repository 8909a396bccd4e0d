#!/usr/bin/env bash
# torchdiffeq's spiral demo (examples/ode_demo.py) in Java; see SpiralBenchmark.java.
# Usage, from the project root: bench/spiral.sh --mode backprop|adjoint|adjoint-seminorm --iterations N --seed S
# Builds the library and the bench module (see build-classpath.sh), then runs.
# NB_TARGET selects the build folder (default target-bench).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-classpath.sh"
exec java -XX:+UseSerialGC -cp "$classpath" org.neuralode.bench.SpiralBenchmark "$@"
