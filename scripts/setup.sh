#!/usr/bin/env bash
# Builds the project and installs the Jupyter kernel "neuralode-java" (idempotent).
#
#   scripts/setup.sh                  build, install the kernelspec for this user
#   scripts/setup.sh --sys-prefix     install into the Python prefix (Binder, virtualenvs)
#   scripts/setup.sh --prefix P       install into P/share/jupyter/kernels (CI)
#   scripts/setup.sh --for-tests      also make sure Chromium is there (browser test)
#   scripts/setup.sh --no-build       only (re)install the kernelspec of an existing build
#   scripts/setup.sh --python PY      install into the Jupyter of Python PY instead (Binder's
#                                     image has its own Jupyter; no Debian packages are checked)
#
# Jupyter runs on the system Python (/usr/bin/python3, Debian packages). When Jupyter or
# Chromium is missing it is installed with apt-get if we are root on Debian/Ubuntu; otherwise
# the exact command to run is printed and the script stops.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

PYTHON=/usr/bin/python3
# Quiets a debugger notice that Debian's jupyter prints on every start.
export PYDEVD_DISABLE_FILE_VALIDATION=1
JUPYTER_PACKAGES="jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-jupyter-kernel-test"
FOR_TESTS=0
BUILD=1
INSTALL_ARGS=(--user)

while [ $# -gt 0 ]; do
  case "$1" in
    --for-tests) FOR_TESTS=1 ;;
    --no-build) BUILD=0 ;;
    --python) shift; [ $# -gt 0 ] || { echo "setup.sh: --python needs an interpreter" >&2; exit 2; }
              PYTHON="$1" ;;
    --user) INSTALL_ARGS=(--user) ;;
    --sys-prefix) INSTALL_ARGS=(--sys-prefix) ;;
    --prefix) shift; [ $# -gt 0 ] || { echo "setup.sh: --prefix needs a folder" >&2; exit 2; }
              INSTALL_ARGS=(--prefix "$1") ;;
    --prefix=*) INSTALL_ARGS=(--prefix "${1#--prefix=}") ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "setup.sh: $*"; }
fail() { echo "setup.sh: $*" >&2; exit 1; }

# --- Java 17+ and Maven -------------------------------------------------------------------
command -v java >/dev/null 2>&1 || fail "java not found. Install a JDK 17 or newer, e.g.: sudo apt-get install -y openjdk-17-jdk-headless"
JAVA_MAJOR="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)"
case "$JAVA_MAJOR" in 1.*) JAVA_MAJOR=8 ;; esac
[ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -ge 17 ] 2>/dev/null \
  || fail "Java 17 or newer is needed, found '${JAVA_MAJOR:-unknown}'. Install e.g.: sudo apt-get install -y openjdk-17-jdk-headless"
command -v javac >/dev/null 2>&1 || fail "javac not found (a JRE is not enough). Install e.g.: sudo apt-get install -y openjdk-17-jdk-headless"

# --- Debian packages: Jupyter (and Chromium for the browser test) ---------------------------
missing_packages=()
# Maven comes from Debian's packages like Jupyter does (installed below when we are root).
command -v mvn >/dev/null 2>&1 || missing_packages+=(maven)
if [ "$PYTHON" != /usr/bin/python3 ]; then
  "$PYTHON" -c 'import jupyter_client' >/dev/null 2>&1 || fail "$PYTHON has no Jupyter (jupyter_client)"
elif [ ! -x /usr/bin/jupyter ] || ! "$PYTHON" -c 'import notebook, nbconvert, nbclient, jupyter_client, jupyter_kernel_test' >/dev/null 2>&1; then
  # shellcheck disable=SC2206
  missing_packages+=($JUPYTER_PACKAGES)
fi
if [ "$FOR_TESTS" = 1 ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  missing_packages+=(chromium)
fi
if [ ${#missing_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${missing_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing_packages[@]}"
  else
    echo "setup.sh: missing: ${missing_packages[*]}. Install them with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing_packages[*]}" >&2
    exit 1
  fi
fi

command -v mvn >/dev/null 2>&1 || fail "mvn (Apache Maven) not found. Install e.g.: sudo apt-get install -y maven"

# --- Build ----------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  say "building the library and the kernel (mvn package)"
  mvn -B -q -DskipTests -pl kernel -am package
fi
SPEC="$ROOT/kernel/target/kernelspec/neuralode-java"
[ -f "$SPEC/kernel.json" ] || fail "no kernelspec at $SPEC (build first: mvn -B -DskipTests package)"

# --- Kernelspec -----------------------------------------------------------------------------
# `python -m jupyter_client.kernelspecapp`, not `jupyter kernelspec`: the latter runs the first
# jupyter-kernelspec on PATH, whose Python (and so --sys-prefix) may not be $PYTHON.
"$PYTHON" -m jupyter_client.kernelspecapp install "${INSTALL_ARGS[@]}" --replace --name neuralode-java "$SPEC" >/dev/null
say "kernel 'neuralode-java' installed ($("$PYTHON" -m jupyter_client.kernelspecapp list | awk '$1=="neuralode-java"{print $2}'))"
