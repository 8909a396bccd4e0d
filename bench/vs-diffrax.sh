#!/usr/bin/env bash
# Our spiral demo against JAX + diffrax's, in one run on one core: builds our bench first, then
# alternates  ours (backprop), diffrax (RecursiveCheckpointAdjoint), ours (adjoint), diffrax
# (BacksolveAdjoint)  --runs times, each pinned to the same CPU (taskset, when there is one), so
# that a change of load slows both alike. Ours first trains an identical model 2000 iterations,
# untimed (--warm-up), so that the JIT has compiled it, as diffrax's time excludes XLA's compile
# (on one core the JIT's compiler threads would share it with the first timed iterations). Prints
# every run's lines, then per mode the median of the runs' medians (ms per iteration), diffrax /
# ours, and the start-up each excluded (our warm-up, XLA's compile), in seconds.
# Usage, from the project root:
#   DIFFRAX_PYTHON=~/diffrax-venv/bin/python bench/vs-diffrax.sh [--runs 5] [--seed 0] [--cpu 0]
# DIFFRAX_PYTHON: a Python with jax, jaxlib and diffrax (see bench/baselines/spiral_diffrax.py).
set -euo pipefail
runs=5
seed=0
cpu=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --cpu) cpu="$2"; shift 2 ;;
        *) echo "unknown argument $1; usage: [--runs N] [--seed S] [--cpu C]" >&2; exit 2 ;;
    esac
done
source "$(dirname "${BASH_SOURCE[0]}")/beside-diffrax.sh"
for run in $(seq 1 "$runs"); do
    for mode in backprop adjoint; do
        echo "# run $run, $mode, load $(cut -d' ' -f1-3 /proc/loadavg)"
        "${pin[@]}" java -XX:+UseSerialGC -cp "$classpath" org.neuralode.bench.SpiralBenchmark \
            --mode "$mode" --iterations 2000 --seed "$seed" --warm-up 2000 | grep -E '^(spiral|warm-up):' | tee -a "$log"
        jax_mode=$([ "$mode" = backprop ] && echo backprop || echo backsolve)
        "${pin[@]}" "$python" bench/baselines/spiral_diffrax.py --mode "$jax_mode" --seed "$seed" --iters 2000 \
            2>/dev/null | tail -1 | sed "s/^/diffrax: /" | tee -a "$log"
    done
done
python3 - "$log" <<'EOF'
import json, re, statistics, sys
ours = {"backprop": [], "adjoint": []}
theirs = {"backprop": [], "adjoint": []}
warm_up, compile_s = [], []
for line in open(sys.argv[1]):
    if line.startswith("warm-up:"):
        warm_up.append(float(line.split()[-2]))
    elif line.startswith("spiral:"):
        fields = dict(kv.split("=") for kv in line.split()[1:])
        ours[fields["mode"]].append(float(fields["ms_per_iteration"]))
    elif line.startswith("diffrax:"):
        result = json.loads(line[len("diffrax:"):])
        compile_s.append(result["compile_s"])
        theirs["backprop" if result["mode"] == "backprop" else "adjoint"].append(result["ms_median"])
for mode in ("backprop", "adjoint"):
    if ours[mode] and theirs[mode]:
        a, b = statistics.median(ours[mode]), statistics.median(theirs[mode])
        print(f"vs-diffrax: mode={mode} runs={len(ours[mode])} ours_ms={a:.3f} ({min(ours[mode]):.3f}-{max(ours[mode]):.3f})"
              f" diffrax_ms={b:.3f} ({min(theirs[mode]):.3f}-{max(theirs[mode]):.3f}) diffrax/ours={b / a:.2f}")
if warm_up and compile_s:
    print(f"vs-diffrax: start-up excluded, median: ours (JIT warm-up) {statistics.median(warm_up):.2f} s,"
          f" diffrax (XLA compile) {statistics.median(compile_s):.2f} s")
EOF
