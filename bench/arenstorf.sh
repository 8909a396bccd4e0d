#!/usr/bin/env bash
# The Arenstorf work-precision benchmark (see ArenstorfBenchmark.java): our Dormand-Prince vs
# Commons Math's DormandPrince54/853 at rtol = atol = 1e-6 and 1e-9.
# Usage, from anywhere: bench/arenstorf.sh [warmupSeconds [measureSeconds]]
# Builds the library and the bench module (offline if the dependencies are already there), then runs.
# NB_TARGET selects the build folder (default target-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${NB_TARGET:-target-bench}"
offline=""
if [ -d "${HOME}/.m2/repository/org/apache/commons/commons-math3" ]; then offline="-o"; fi
classpath_file="$root/bench/$target/classpath.txt"
# one reactor build: compile library and bench, then write bench's runtime class path
# (the library's own class path is written first and then overwritten by bench's, which includes it)
mvn -B -q $offline -Dnb.target="$target" -pl bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime >&2
classpath="bench/$target/classes:$(cat "$classpath_file")"
exec java -cp "$classpath" org.neuralode.bench.ArenstorfBenchmark "$@"
