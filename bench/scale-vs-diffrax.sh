#!/usr/bin/env bash
# bench/scale.sh against its JAX + diffrax counterpart (bench/baselines/scale_diffrax.py), in one
# run on one core: for each size, ours (ScaleBenchmark: backprop, then the adjoint), then diffrax
# (RecursiveCheckpointAdjoint, then BacksolveAdjoint), each pinned to the same CPU (taskset, when
# there is one), so that a change of load slows both alike. Same network, weights, initial states,
# output times and tolerances on both sides (see scale_diffrax.py); diffrax's time excludes XLA's
# compile, ours a JIT warm-up (ScaleBenchmark's, on a small size) and one untimed iteration.
# Prints every line, then per size and mode ms per iteration, ours and diffrax's, as CPU time and
# as wall-clock time, and diffrax / ours for each.
# Usage, from the project root:
#   DIFFRAX_PYTHON=/path/to/python bench/scale-vs-diffrax.sh [--sizes d:w:B,...] [--runs 1] [--cpu 0] [--seconds S]
# DIFFRAX_PYTHON: a Python with jax, jaxlib and diffrax (see bench/baselines/spiral_diffrax.py).
set -euo pipefail
sizes="16:200:200,64:800:1000"
runs=1
cpu=0
seconds=3
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --cpu) cpu="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        *) echo "unknown argument $1; usage: [--sizes d:w:B,...] [--runs N] [--cpu C] [--seconds S]" >&2; exit 2 ;;
    esac
done
source "$(dirname "${BASH_SOURCE[0]}")/beside-diffrax.sh"
for run in $(seq 1 "$runs"); do
    for size in ${sizes//,/ }; do
        echo "# run $run, size $size, load $(cut -d' ' -f1-3 /proc/loadavg)"
        "${pin[@]}" java -XX:+UseSerialGC -Xmx4g -cp "$classpath" org.neuralode.bench.ScaleBenchmark \
            --sizes "$size" --seconds "$seconds" | grep -E '^scale:' | tee -a "$log"
        for mode in backprop backsolve; do
            "${pin[@]}" "$python" bench/baselines/scale_diffrax.py --sizes "$size" --mode "$mode" --seconds "$seconds" \
                2>/dev/null | tail -1 | sed "s/^/diffrax: /" | tee -a "$log"
        done
    done
done
python3 - "$log" <<'PY'
import json, re, statistics, sys
ours, theirs = {}, {}
for line in open(sys.argv[1]):
    if line.startswith("scale:"):
        f = dict(re.findall(r"(\w+)=\s*(\S+)", line))
        key = (f["d"], f["w"], f["B"], f["mode"])
        ours.setdefault(key, []).append((float(f["ms_per_iteration"]), float(f["wall_ms"]), f["nfe_forward"]))
    elif line.startswith("diffrax:"):
        r = json.loads(line[len("diffrax:"):])
        mode = "backprop" if r["mode"] == "backprop" else "adjoint"
        key = (str(r["d"]), str(r["w"]), str(r["B"]), mode)
        theirs.setdefault(key, []).append((r["ms_cpu_median"], r["ms_wall_median"], r["nfe_forward"]))
for key in ours:
    if key not in theirs:
        continue
    o, t = ours[key], theirs[key]
    oc, ow = statistics.median(x[0] for x in o), statistics.median(x[1] for x in o)
    tc, tw = statistics.median(x[0] for x in t), statistics.median(x[1] for x in t)
    print(f"scale-vs-diffrax: d={key[0]} w={key[1]} B={key[2]} mode={key[3]} runs={len(o)}"
          f" ours_cpu_ms={oc:.1f} diffrax_cpu_ms={tc:.1f} diffrax/ours={tc / oc:.2f}"
          f" ours_wall_ms={ow:.1f} diffrax_wall_ms={tw:.1f} diffrax/ours_wall={tw / ow:.2f}"
          f" nfe_forward ours={o[-1][2]} diffrax={t[-1][2]}")
PY
