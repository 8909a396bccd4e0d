#!/usr/bin/env bash
# The stiff benchmark (see StiffBenchmark.java): Radau5 on Robertson [0, 1e11], Van der Pol mu = 1000
# [0, 3000] and HIRES [0, 321.8122] at rtol 1e-4, 1e-6, 1e-8, one `stiff:` line per problem, solver
# and tolerance. bench/baselines/stiff_scipy.py prints the same lines for SciPy (odeint, Radau).
# Usage, from anywhere: bench/stiff.sh [warmupSeconds [measureSeconds]]
# Builds the library and the bench module (see build-classpath.sh), then runs.
# NB_TARGET selects the build folder (default target-bench).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-classpath.sh"
exec java -cp "$classpath" org.neuralode.bench.StiffBenchmark "$@"
