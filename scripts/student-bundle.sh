#!/usr/bin/env bash
# Builds the zip a teacher hands out to students: the project without the exercise solutions.
# Every notebook in it is stripped of outputs and execution counts, so students start from clean
# notebooks whose exercise cells hold the stubs (`// YOUR CODE HERE`); notebooks/solutions/ is
# left out.
#
#   scripts/student-bundle.sh                    write build/student-bundle.zip: the committed
#                                                files of the project (git ls-files) under
#                                                neuralode-java/, minus notebooks/solutions/
#   scripts/student-bundle.sh --notebooks-only   only the notebooks, at the top of the zip (for a
#                                                JupyterHub whose kernel is installed already)
#   scripts/student-bundle.sh --out FILE         write FILE instead
#
# Files are taken from the working tree, so commit or stash local edits first. Needs git and
# Python 3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

OUT="$ROOT/build/student-bundle.zip"
NOTEBOOKS_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) shift; [ $# -gt 0 ] || { echo "student-bundle.sh: --out needs a file name" >&2; exit 2; }; OUT="$1" ;;
    --out=*) OUT="${1#--out=}" ;;
    --notebooks-only) NOTEBOOKS_ONLY=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "student-bundle.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
  || { echo "student-bundle.sh: $ROOT is not a git checkout (the bundle lists the committed files)" >&2; exit 1; }

exec python3 - "$ROOT" "$OUT" "$NOTEBOOKS_ONLY" <<'PYTHON'
import json
import subprocess
import sys
import zipfile
from pathlib import Path

root, out, notebooks_only = Path(sys.argv[1]), Path(sys.argv[2]).absolute(), sys.argv[3] == "1"
files = [f for f in subprocess.run(["git", "-C", str(root), "ls-files", "-z"], check=True,
                                   stdout=subprocess.PIPE).stdout.decode().split("\0") if f]


def handed_out(name):
    if name.startswith("notebooks/solutions/"):
        return False
    if notebooks_only:
        return name.startswith("notebooks/") and name.count("/") == 1 and name.endswith(".ipynb")
    return True


def stripped(path):
    """The notebook without outputs, execution counts or execution timing metadata."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


out.parent.mkdir(parents=True, exist_ok=True)
tmp = out.with_name(out.name + ".part")
count = 0
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as bundle:
    for name in sorted(files):
        path = root / name
        if not handed_out(name) or not path.is_file():
            continue  # solutions, or a file deleted in the working tree
        target = Path(name).name if notebooks_only else f"neuralode-java/{name}"
        if name.endswith(".ipynb"):
            bundle.writestr(target, stripped(path))
        else:
            bundle.write(path, target)
        count += 1
tmp.replace(out)
print(f"student-bundle.sh: {count} files, no solutions, notebooks without outputs -> {out}")
PYTHON
