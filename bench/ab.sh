#!/usr/bin/env bash
# A/B timing of two versions of the library in one JVM (see AbBenchmark.java): A is the library
# at a git revision (default main), compiled with javac into bench/$NB_TARGET/ab-base; B is the
# working tree. Usage, from the project root:
#   bench/ab.sh [--base REV] [--mode backprop|adjoint] [--rounds R] [--batch N] [--seed S]
set -euo pipefail
base=main
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --base) base="$2"; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
source "$(dirname "${BASH_SOURCE[0]}")/build-classpath.sh"
out="bench/$target/ab-base"
rm -rf "$out" && mkdir -p "$out/src" "$out/classes"
git archive "$base" library/src/main | tar -x -C "$out/src"
deps="$(cat "$classpath_file" | tr ':' '\n' | grep -v '/library/' | paste -sd: -)"
# the bench driver is compiled against the base too, so that each loader sees its own copy
javac -nowarn -d "$out/classes" -cp "$deps" $(find "$out/src" -name '*.java') \
    bench/src/main/java/org/neuralode/bench/SpiralSteps.java >&2
library_jar="$(cat "$classpath_file" | tr ':' '\n' | grep '/library/' | head -1)"
exec java -XX:+UseSerialGC -cp "bench/$target/classes" org.neuralode.bench.AbBenchmark "${args[@]}" \
    "$out/classes:$deps" "bench/$target/classes:$library_jar:$deps"
