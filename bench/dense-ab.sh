#!/usr/bin/env bash
# A/B of Dense's tuned kernel (DenseKernel) in one JVM per shape: the kernel at a git revision
# (default main) against the working tree's, interleaved (see dense-ab/DenseKernelAb.java), on one
# core (taskset -c ${BENCH_CPU:-0}, when there is one). Compiles the two kernels and the harness
# with javac only (DenseKernel depends on nothing else). Usage, from the project root:
#   bench/dense-ab.sh [--base REV] [--shapes in:out:B,...] [--rounds R]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
base=main
shapes="2:50:20,50:2:20,16:200:200,200:16:200,64:800:1000,800:64:1000"
rounds=7
while [ $# -gt 0 ]; do
    case "$1" in
        --base) base="$2"; shift 2 ;;
        --shapes) shapes="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        *) echo "unknown argument $1; usage: [--base REV] [--shapes in:out:B,...] [--rounds R]" >&2; exit 2 ;;
    esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
kernel=library/src/main/java/org/neuralode/nn/DenseKernel.java
mkdir -p "$work/src/org/neuralode/nn" "$work/classes"
git show "$base:$kernel" | sed -e 's/\bDenseKernel\b/BaseDenseKernel/g' > "$work/src/org/neuralode/nn/BaseDenseKernel.java"
cp "$kernel" bench/dense-ab/DenseKernelAb.java "$work/src/org/neuralode/nn/"
javac --release 17 -d "$work/classes" "$work"/src/org/neuralode/nn/*.java
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "${BENCH_CPU:-0}"); fi
echo "# base $(git rev-parse --short "$base") against the working tree; load $(cut -d' ' -f1-3 /proc/loadavg)"
for shape in ${shapes//,/ }; do
    "${pin[@]}" java -XX:+UseSerialGC -cp "$work/classes" org.neuralode.nn.DenseKernelAb "$shape" "$rounds"
done
