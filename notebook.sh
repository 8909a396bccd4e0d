#!/usr/bin/env bash
# One command: build, install the Java kernel, and open the notebooks in Jupyter Notebook.
# Extra arguments go to `jupyter notebook`, e.g. ./notebook.sh --no-browser --ip 0.0.0.0
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
extra=()
# Jupyter refuses to run as root (containers, CI) unless told to.
if [ "$(id -u)" = 0 ] && [[ " $* " != *" --allow-root "* ]]; then
  extra+=(--allow-root)
fi
export PYDEVD_DISABLE_FILE_VALIDATION=1
exec /usr/bin/jupyter notebook --notebook-dir="$(pwd)/notebooks" "${extra[@]}" "$@"
