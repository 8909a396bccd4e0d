#!/usr/bin/env bash
# Executes every notebook in notebooks/ and writes a static HTML book: index.html linking the
# notebooks in order, one page per notebook with its outputs and interactive plots, and the
# scripts the pages need in assets/ (require.js, MathJax, and one plotly.js shared by all pages:
# scripts/share_plotly.py). No server and no network: copy the folder to a USB stick and open
# index.html with any browser.
#
#   scripts/book.sh                        execute everything, write build/book/
#   scripts/book.sh --out DIR              write DIR instead (replaced if it holds an old book)
#   scripts/book.sh --from-executed DIR    reuse executed notebooks from DIR (e.g. build/executed,
#                                          left by the notebook test) when they are newer than
#                                          the notebook and show no error; execute the rest
#
# Needs Jupyter (the project's .venv/), Debian's libjs-requirejs and libjs-mathjax, and the built
# kernel (scripts/setup.sh --for-tests does all three).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
# The project's virtualenv (scripts/setup.sh), else the system Python.
PYTHON="${PYTHON:-$([ -x .venv/bin/python ] && echo "$ROOT/.venv/bin/python" || echo python3)}"
export PYDEVD_DISABLE_FILE_VALIDATION=1

OUT="$ROOT/build/book"
FROM_EXECUTED=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) shift; [ $# -gt 0 ] || { echo "book.sh: --out needs a folder" >&2; exit 2; }; OUT="$1" ;;
    --out=*) OUT="${1#--out=}" ;;
    --from-executed) shift; [ $# -gt 0 ] || { echo "book.sh: --from-executed needs a folder" >&2; exit 2; }
                     FROM_EXECUTED="$1" ;;
    --from-executed=*) FROM_EXECUTED="${1#--from-executed=}" ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "book.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

"$PYTHON" -c 'import nbformat, nbconvert, nbclient' 2>/dev/null \
  || { echo "book.sh: Jupyter is missing; run scripts/setup.sh first (it installs it or prints how)" >&2; exit 1; }
for asset in /usr/share/javascript/requirejs/require.min.js /usr/share/javascript/mathjax/MathJax.js; do
  [ -f "$asset" ] || { echo "book.sh: $asset is missing (Debian packages libjs-requirejs, libjs-mathjax)" >&2; exit 1; }
done
if [ ! -f kernel/target/kernelspec/neuralode-java/kernel.json ]; then
  echo "book.sh: the kernel is not built yet; running scripts/setup.sh"
  scripts/setup.sh
fi

exec "$PYTHON" - "$ROOT" "$OUT" "$FROM_EXECUTED" <<'PYTHON'
import html
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, str(Path(sys.argv[1]) / "scripts"))
from share_plotly import share_plotly

ROOT, OUT, FROM_EXECUTED = Path(sys.argv[1]), Path(sys.argv[2]).absolute(), sys.argv[3]
KERNEL = "neuralode-java"
MATHJAX = Path("/usr/share/javascript/mathjax")
REQUIREJS = Path("/usr/share/javascript/requirejs/require.min.js")
# What the pages load from MathJax: the notebook's CommonHTML output for markdown, and the SVG
# output with TeX fonts that plotly.js switches to for LaTeX in figure titles and labels.
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "config/local",
                 "extensions", "jax/element", "jax/input", "jax/output/CommonHTML",
                 "jax/output/SVG/config.js", "jax/output/SVG/jax.js", "jax/output/SVG/autoload",
                 "jax/output/SVG/fonts/TeX", "fonts/HTML-CSS/TeX/woff", "fonts/HTML-CSS/TeX/otf",
                 "localization/en"]


def say(text):
    print(f"book.sh: {text}", flush=True)


def unexpected_errors(nb):
    return [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            and "raises-exception" not in cell.metadata.get("tags", [])
            and any(o.get("output_type") == "error" for o in cell.get("outputs", []))]


def reusable(source, executed):
    if not executed.is_file() or executed.stat().st_mtime < source.stat().st_mtime:
        return None
    nb = nbformat.read(executed, as_version=4)
    ran = all(c.execution_count is not None for c in nb.cells if c.cell_type == "code" and c.source.strip())
    return nb if ran and not unexpected_errors(nb) else None


def use_built_kernel(scratch):
    """This checkout's kernel, whatever kernel of that name is installed elsewhere."""
    spec = ROOT / "kernel" / "target" / "kernelspec" / KERNEL
    target = scratch / "jupyter-path" / "kernels" / KERNEL
    shutil.copytree(spec, target)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(scratch / "jupyter-path"),
                                                               os.environ.get("JUPYTER_PATH")]))


def execute(source):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=900, startup_timeout=120,
                            resources={"metadata": {"path": str(source.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        cells = unexpected_errors(nb)
        sys.exit(f"book.sh: {source.name}, cell {cells[0] if cells else '?'} failed:\n{str(error)[:3000]}")
    return nb


def title_and_summary(nb, fallback):
    """The first markdown heading, and the first paragraph after it, as plain text."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if lines and lines[0].startswith("#"):
            title = lines[0].lstrip("#").strip()
            paragraph = []
            for line in lines[1:]:
                if line.strip():
                    paragraph.append(line.strip())
                elif paragraph:
                    break
            summary = " ".join(paragraph).replace("**", "").replace("`", "")
            summary = re.sub(r"(?<![\w.])[*_](\S[^*_]*?)[*_](?!\w)", r"\1", summary)  # *emphasis*
            if len(summary) > 280:
                summary = summary[:277].rsplit(" ", 1)[0]
                if summary.count("$") % 2:  # do not cut a formula in half
                    summary = summary[:summary.rindex("$")].rstrip()
                summary += " ..."
            return title, summary
    return fallback, ""


NAV_STYLE = """<style>
.book-nav { font-family: system-ui, sans-serif; font-size: 15px; display: flex; gap: 1.5em;
  justify-content: space-between; max-width: 1100px; margin: 0.6em auto; padding: 0.5em 1em;
  background: #f3f6fa; border: 1px solid #d8e0ea; border-radius: 6px; }
.book-nav a { color: #1a5fb4; text-decoration: none; } .book-nav a:hover { text-decoration: underline; }
.book-nav span.none { color: #999; }
</style>"""


def nav(pages, i):
    """Previous, contents and next links for page i."""
    def link(j, kind, label):
        if not 0 <= j < len(pages):
            return '<span class="none"></span>'
        return f'<a class="book-{kind}" href="{pages[j][0]}">{label}: {html.escape(pages[j][1])}</a>'
    return (f'<nav class="book-nav">{link(i - 1, "previous", "Previous")}'
            f'<a class="book-contents" href="index.html">Contents</a>{link(i + 1, "next", "Next")}</nav>')


def export(nb, name):
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="lab")
    # Relative URLs into assets/, so that the folder works wherever it is copied.
    exporter.require_js_url = "assets/require.min.js"
    exporter.mathjax_url = "assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    exporter.jquery_url = "assets/jquery.min.js"
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return body


def copy_assets(assets):
    assets.mkdir()
    shutil.copy2(REQUIREJS, assets / "require.min.js")
    for part in MATHJAX_PARTS:
        source, target = MATHJAX / part, assets / "mathjax" / part
        if source.is_dir():
            shutil.copytree(source, target, symlinks=False)
        elif source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def index_page(entries):
    items = "\n".join(
        f'<li><a href="{page}">{html.escape(title)}</a>'
        + (f'<p>{html.escape(summary)}</p>' if summary else "") + "</li>"
        for page, title, summary in entries)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Neural ODEs in Java: the notebooks</title>
<script type="text/x-mathjax-config">
MathJax.Hub.Config({{ tex2jax: {{ inlineMath: [['$', '$']], processEscapes: true }} }});
</script>
<script src="assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"></script>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 820px; margin: 2em auto; padding: 0 1em;
  line-height: 1.5; color: #222; }}
h1 {{ margin-bottom: 0.2em; }}
ol {{ padding-left: 1.4em; }} li {{ margin: 0.9em 0; }} li a {{ font-size: 1.15em; font-weight: 600; }}
li p {{ margin: 0.2em 0 0; color: #444; }}
.note {{ color: #555; font-size: 0.92em; border-top: 1px solid #ddd; margin-top: 2em; padding-top: 0.8em; }}
</style>
</head>
<body>
<h1>Neural ODEs in Java</h1>
<p>The notebooks of neuralode-java, executed, in the order to read them. Plots are interactive
(hover, zoom, drag); everything works offline from this folder.</p>
<ol class="book-toc">
{items}
</ol>
<p class="note">Made by <code>scripts/book.sh</code> on {time.strftime("%Y-%m-%d")}. To run the notebooks
yourself, open them in Jupyter with the Java kernel (see the project's README).</p>
</body>
</html>
"""


def main():
    sources = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not sources:
        sys.exit("book.sh: no notebooks in notebooks/")
    if OUT.exists() and any(OUT.iterdir()) and not (OUT / "index.html").is_file():
        sys.exit(f"book.sh: {OUT} exists and is not a book made by book.sh; choose another --out")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".book-", dir=OUT.parent) as scratch:
        scratch = Path(scratch)
        book = scratch / "book"
        book.mkdir()
        kernel_ready = False
        executed = []
        for source in sources:
            nb = reusable(source, Path(FROM_EXECUTED) / source.name) if FROM_EXECUTED else None
            if nb is not None:
                say(f"{source.name}: reusing {Path(FROM_EXECUTED) / source.name}")
            else:
                if not kernel_ready:
                    use_built_kernel(scratch)
                    kernel_ready = True
                start = time.monotonic()
                say(f"{source.name}: executing")
                nb = execute(source)
                say(f"{source.name}: done in {time.monotonic() - start:.0f} s")
            executed.append((source, nb))

        pages = []
        for source, nb in executed:
            title, summary = title_and_summary(nb, source.stem)
            pages.append((source.stem + ".html", title, summary))
        for i, (source, nb) in enumerate(executed):
            body = export(nb, pages[i][1])
            top = NAV_STYLE + nav(pages, i)
            body, found = re.subn(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + top, body, count=1)
            if not found:
                sys.exit(f"book.sh: no <body> in the export of {source.name}")
            body = body.replace("</body>", nav(pages, i) + "\n</body>", 1)
            # Links between notebooks ("see notebook 02") lead to the other page of the book.
            stems = {page[:-len(".html")] for page, _, _ in pages}
            body = re.sub(r'href="(?:\./)?([^"/#?]+)\.ipynb(#[^"]*)?"',
                          lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"' if m.group(1) in stems else m.group(0),
                          body)
            (book / pages[i][0]).write_text(body, encoding="utf-8")
        (book / "index.html").write_text(index_page(pages), encoding="utf-8")
        copy_assets(book / "assets")
        # Pages with figures load one shared plotly.js from assets/ (the notebooks carry none).
        shared = share_plotly(book, say=say)
        if shared:
            say(f"plotly.js: one copy for every page, {', '.join(shared)}")

        if OUT.exists():
            shutil.rmtree(OUT)
        book.rename(OUT)
    size = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    say(f"{len(pages)} notebooks, {size / 1e6:.1f} MB in {OUT}; open {OUT / 'index.html'}")


main()
PYTHON
