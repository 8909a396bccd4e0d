#!/usr/bin/env bash
# Builds the project, makes the project's own Jupyter (a virtualenv in .venv/) and installs the
# Jupyter kernel "neuralode-java" into it (idempotent; a second run takes seconds).
#
#   scripts/setup.sh                  build; .venv/ with JupyterLab 4, Notebook 7, plotly's
#                                     extension, nbclient, nbconvert (scripts/requirements.txt);
#                                     the kernelspec into .venv/share/jupyter/kernels
#   scripts/setup.sh --for-tests      also the tests' packages (scripts/requirements-tests.txt:
#                                     Playwright) and Debian's Chromium, require.js and MathJax
#   scripts/setup.sh --user           install the kernelspec for this user instead (any Jupyter)
#   scripts/setup.sh --prefix P       install the kernelspec into P/share/jupyter/kernels
#   scripts/setup.sh --no-build       only (re)install the kernelspec of an existing build
#   scripts/setup.sh --verify         build with `mvn -B verify` (every module, with the Java
#                                     tests) instead of packaging the kernel alone (test.sh)
#   scripts/setup.sh --python PY      no .venv/: install into the Jupyter of Python PY (Binder's
#                                     image, a hub); add --sys-prefix for PY's own prefix
#
# Python packages come from pip (pinned), so the set-up is the same on Debian, Ubuntu and macOS.
# Debian packages only for what pip cannot give (Maven, python3-venv, and for the tests Chromium,
# require.js and MathJax): installed with apt-get when we are root, else the exact command is
# printed and the script stops. Set PIP_RETRIES=0 where pip's default index is unreachable.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

VENV="$ROOT/.venv"
PYTHON=""            # the Python whose Jupyter gets the kernel; empty: the project's .venv
FOR_TESTS=0
BUILD=1
VERIFY=0
INSTALL_ARGS=()      # empty: --sys-prefix of $PYTHON

while [ $# -gt 0 ]; do
  case "$1" in
    --for-tests) FOR_TESTS=1 ;;
    --no-build) BUILD=0 ;;
    --verify) VERIFY=1 ;;
    --python) shift; [ $# -gt 0 ] || { echo "setup.sh: --python needs an interpreter" >&2; exit 2; }
              PYTHON="$1" ;;
    --python=*) PYTHON="${1#--python=}" ;;
    --user) INSTALL_ARGS=(--user) ;;
    --sys-prefix) INSTALL_ARGS=(--sys-prefix) ;;
    --prefix) shift; [ $# -gt 0 ] || { echo "setup.sh: --prefix needs a folder" >&2; exit 2; }
              INSTALL_ARGS=(--prefix "$1") ;;
    --prefix=*) INSTALL_ARGS=(--prefix "${1#--prefix=}") ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#INSTALL_ARGS[@]} -gt 0 ] || INSTALL_ARGS=(--sys-prefix)

say() { echo "setup.sh: $*"; }
fail() { echo "setup.sh: $*" >&2; exit 1; }

# --- Java 17+ -------------------------------------------------------------------------------
# The JDK that builds and runs the kernel: $JAVA_HOME if set, else the `java` on PATH. Any JDK 17
# or newer with javac (JShell compiles cells with it); kernel.json names the one chosen.
if [ -n "${JAVA_HOME:-}" ]; then
  [ -x "$JAVA_HOME/bin/java" ] || fail "JAVA_HOME=$JAVA_HOME has no bin/java. Unset it or point it at a JDK 17 or newer"
  JAVA="$JAVA_HOME/bin/java"
else
  command -v java >/dev/null 2>&1 || fail "java not found. Install a JDK 17 or newer, e.g.: sudo apt-get install -y openjdk-17-jdk-headless"
  JAVA="$(command -v java)"
fi
java_property() { "$JAVA" -XshowSettings:properties -version 2>&1 | sed -n "s/^ *$1 = //p" | head -n1; }
JAVA_MAJOR="$(java_property java.specification.version)"
case "$JAVA_MAJOR" in 1.*) JAVA_MAJOR=8 ;; esac
[ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -ge 17 ] 2>/dev/null \
  || fail "$JAVA is Java ${JAVA_MAJOR:-of an unknown version}; the kernel needs Java 17 or newer. Install e.g.: sudo apt-get install -y openjdk-17-jdk-headless (or any newer JDK), then put it first on PATH or set JAVA_HOME"
JDK_HOME="$(java_property java.home)"
[ -x "$JDK_HOME/bin/javac" ] || fail "$JAVA is a Java runtime without javac (the kernel compiles cells with it). Install a full JDK, e.g.: sudo apt-get install -y openjdk-${JAVA_MAJOR}-jdk-headless"
export JAVA_HOME="$JDK_HOME"   # Maven builds with it, and kernel.json names its java
say "using Java $(java_property java.runtime.version) at $JDK_HOME"

# --- Debian packages: what pip cannot give ----------------------------------------------------
BASE_PYTHON="${NEURALODE_BASE_PYTHON:-$(command -v python3 || true)}"
missing_packages=()
command -v mvn >/dev/null 2>&1 || missing_packages+=(maven)
if [ -z "$PYTHON" ]; then
  [ -n "$BASE_PYTHON" ] || missing_packages+=(python3)
  if [ -n "$BASE_PYTHON" ] && ! "$BASE_PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    missing_packages+=(python3-venv)
  fi
fi
if [ "$FOR_TESTS" = 1 ]; then
  [ -x /usr/bin/chromium ] || missing_packages+=(chromium)
  # The HTML export and the book load require.js and MathJax 2 from these local files (offline).
  [ -f /usr/share/javascript/requirejs/require.min.js ] || missing_packages+=(libjs-requirejs)
  [ -f /usr/share/javascript/mathjax/MathJax.js ] || missing_packages+=(libjs-mathjax)
fi
if [ ${#missing_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${missing_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing_packages[@]}"
    BASE_PYTHON="${NEURALODE_BASE_PYTHON:-$(command -v python3 || true)}"
  else
    echo "setup.sh: missing: ${missing_packages[*]}. Install them with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing_packages[*]}" >&2
    exit 1
  fi
fi
command -v mvn >/dev/null 2>&1 || fail "mvn (Apache Maven) not found. Install e.g.: sudo apt-get install -y maven"

# --- The project's virtualenv ---------------------------------------------------------------
if [ -z "$PYTHON" ]; then
  REQUIREMENTS="$ROOT/scripts/requirements.txt"
  [ "$FOR_TESTS" = 1 ] && REQUIREMENTS="$ROOT/scripts/requirements-tests.txt"
  # A stamp of what was installed: pip runs again only when the requirements change.
  # (the tests' stamp covers scripts/requirements.txt too)
  digest() { cat "$@" | sha256sum | cut -c1-16; }
  wanted="$(digest "$REQUIREMENTS" "$ROOT/scripts/requirements.txt")"
  stamp="$VENV/.neuralode-$(basename "$REQUIREMENTS" .txt)"
  tests_stamp="$VENV/.neuralode-requirements-tests"
  if [ "$FOR_TESTS" = 0 ] && [ "$(cat "$tests_stamp" 2>/dev/null)" = \
       "$(digest "$ROOT/scripts/requirements-tests.txt" "$ROOT/scripts/requirements.txt")" ]; then
    stamp="$tests_stamp"; wanted="$(cat "$tests_stamp")"
  fi
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c '' >/dev/null 2>&1; then
    say "creating the virtualenv .venv/ ($("$BASE_PYTHON" --version 2>&1))"
    rm -rf "$VENV"
    "$BASE_PYTHON" -m venv "$VENV"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    say "installing Python packages into .venv/ ($(basename "$REQUIREMENTS"))"
    # (pip reads PIP_RETRIES and the other PIP_* settings from the environment itself)
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQUIREMENTS" \
      || fail "pip could not install $REQUIREMENTS into .venv/ (see above)"
    echo "$wanted" > "$stamp"
  fi
  PYTHON="$VENV/bin/python"
else
  "$PYTHON" -c 'import jupyter_client' >/dev/null 2>&1 || fail "$PYTHON has no Jupyter (jupyter_client)"
fi

# --- Build ----------------------------------------------------------------------------------
if [ "$BUILD" = 1 ] && [ "$VERIFY" = 1 ]; then
  say "building and testing every module (mvn verify)"
  mvn -B verify
elif [ "$BUILD" = 1 ]; then
  say "building the library and the kernel (mvn package)"
  mvn -B -q -DskipTests -pl kernel -am package
fi
SPEC="$ROOT/kernel/target/kernelspec/neuralode-java"
[ -f "$SPEC/kernel.json" ] || fail "no kernelspec at $SPEC (build first: mvn -B -DskipTests package)"

# --- Kernelspec -----------------------------------------------------------------------------
# Installed by $PYTHON's jupyter_client (not the first `jupyter` on PATH, whose Python, and so
# --sys-prefix, may differ). Prints the folder it installed, and warns when Jupyter would pick
# another neuralode-java spec first (a stale one in ~/.local/share/jupyter shadows the others).
export PYDEVD_DISABLE_FILE_VALIDATION=1
"$PYTHON" - "$SPEC" "${INSTALL_ARGS[@]}" <<'EOF'
import os
import sys
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_core.paths import jupyter_path

spec, how = sys.argv[1], sys.argv[2:]
name = "neuralode-java"
kwargs = {"user": how == ["--user"], "prefix": how[1] if how[:1] == ["--prefix"] else None}
if how == ["--sys-prefix"]:
    kwargs["prefix"] = sys.prefix
installed = os.path.realpath(KernelSpecManager().install_kernel_spec(spec, name, **kwargs))
print(f"setup.sh: kernel '{name}' installed in {installed}")

# Every folder where Jupyter (of this Python) finds the kernel, the first one wins.
def found():
    return [os.path.realpath(os.path.join(d, name)) for d in jupyter_path("kernels")
            if os.path.isfile(os.path.join(d, name, "kernel.json"))]

if installed not in found():
    # A --prefix folder is searched only when JUPYTER_PATH names it (and then it comes first
    # but for the folders named before it).
    data = os.path.dirname(os.path.dirname(installed))
    print(f"setup.sh: Jupyter finds it when run with JUPYTER_PATH={data}"
          + (os.pathsep + "$JUPYTER_PATH" if os.environ.get("JUPYTER_PATH") else ""))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [data, os.environ.get("JUPYTER_PATH")]))
specs = found()
for other in specs[:specs.index(installed)] if installed in specs else specs:
    print(f"setup.sh: warning: Jupyter finds another '{name}' first, at {other}, and uses it instead "
          f"of the one just installed. Remove it (rm -r '{other}') unless you meant to keep it.",
          file=sys.stderr)
EOF
