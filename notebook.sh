#!/usr/bin/env bash
# One command: build, install Jupyter and the Java kernel (scripts/setup.sh), and open the
# notebooks in JupyterLab 4.
#
#   ./notebook.sh                      JupyterLab 4 on notebooks/
#   ./notebook.sh --notebook7          Notebook 7 instead
#   ./notebook.sh --classic            the classic Notebook interface (nbclassic), if installed
#   ./notebook.sh --no-browser --ip 0.0.0.0 ...   other arguments go to Jupyter
set -euo pipefail
cd "$(dirname "$0")"
app=lab
args=()
for arg in "$@"; do
  case "$arg" in
    --notebook7|--notebook) app=notebook ;;
    --lab) app=lab ;;
    --classic) app=nbclassic ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done
./scripts/setup.sh
# Jupyter refuses to run as root (containers, CI) unless told to.
if [ "$(id -u)" = 0 ] && [[ " ${args[*]:-} " != *" --allow-root "* ]]; then
  args+=(--allow-root)
fi
if [ "$app" = nbclassic ] && ! .venv/bin/python -c 'import nbclassic' >/dev/null 2>&1; then
  echo "notebook.sh: the classic interface is not installed; .venv/bin/pip install nbclassic" >&2
  exit 1
fi
export PYDEVD_DISABLE_FILE_VALIDATION=1
exec .venv/bin/jupyter "$app" --notebook-dir="$(pwd)/notebooks" ${args[@]+"${args[@]}"}
