#!/usr/bin/env bash
# The Arenstorf work-precision benchmark (see ArenstorfBenchmark.java): our Dormand-Prince vs
# Commons Math's DormandPrince54/853 at rtol = atol = 1e-6 and 1e-9.
# Usage, from anywhere: bench/arenstorf.sh [warmupSeconds [measureSeconds]]
# Builds the library and the bench module (see build-classpath.sh), then runs.
# NB_TARGET selects the build folder (default target-bench).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-classpath.sh"
exec java -cp "$classpath" org.neuralode.bench.ArenstorfBenchmark "$@"
