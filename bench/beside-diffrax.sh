# Sourced by the scripts that run ours and JAX + diffrax's in one run (vs-diffrax.sh,
# scale-vs-diffrax.sh), after they read their arguments ($cpu): checks DIFFRAX_PYTHON, builds our
# bench ($classpath), pins both sides to CPU $cpu when taskset exists (${pin[@]}), makes JAX use
# float64 on one CPU thread, and gives a log file ($log) removed on exit.
python="${DIFFRAX_PYTHON:?set DIFFRAX_PYTHON to a Python with jax and diffrax (see bench/baselines/spiral_diffrax.py)}"
source "$(dirname "${BASH_SOURCE[0]}")/build-classpath.sh"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "$cpu"); fi
export JAX_ENABLE_X64=1 JAX_PLATFORMS=cpu
export XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
