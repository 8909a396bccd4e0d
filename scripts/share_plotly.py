"""Makes the HTML pages in a folder draw their interactive plots offline, with one shared plotly.js.

A figure's text/html (FigureHtml, figure-draw.js) holds a PNG and a script that draws with
window.Plotly. Inside Jupyter the script fetches plotly.js where the kernel says (its kernelspec
folder); an exported page (nbconvert, the HTML book) has no server, so it needs plotly.js on the
page, or it keeps showing the PNG. This step writes plotly.js once to
DIR/assets/plotly-<version>.js, wrapped so that it defines window.Plotly even with require.js on
the page, and puts
<script src="assets/plotly-<version>.js"> into the <head> of every page that has a figure.
Pages without figures stay as they are. Notebooks saved by older versions carried plotly.js
themselves, in a loader output (gzip+base64, about 3.2 MB): such loaders are replaced by the shared
script too.

    /usr/bin/python3 scripts/share_plotly.py DIR [--plotly PLOTLY_JS]

PLOTLY_JS defaults to the built kernelspec's copy, kernel/target/kernelspec/neuralode-java/plotly.js
(book.sh runs this on every book it makes).
"""
import base64
import binascii
import gzip
import hashlib
import re
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PLOTLY = ROOT / "kernel" / "target" / "kernelspec" / "neuralode-java" / "plotly.js"
FIGURE_MARK = 'class="neuralode-plot"'

# What identifies an old loader's script element: the payload variable and the decompression.
PAYLOAD = re.compile(r"var base64 = '([A-Za-z0-9+/=]*)'")
DECOMPRESSION = "DecompressionStream('gzip')"
VERSION = re.compile(r"\A\s*/\*\*?\s*\*?\s*plotly\.js v([0-9][0-9A-Za-z.+-]*)")

# Same as the loader once the code is decompressed: the bundle runs inside a function whose
# parameters shadow `define`, `module` and `exports`, so its UMD header takes the browser-global
# branch and sets window.Plotly even though the page has require.js; the globals are hidden too,
# as a second guard, and restored right after. Then every figure that queued itself is drawn.
# A classic <script src> runs while the page is parsed, so figures further down draw at once.
WRAPPER_HEAD = """// plotly.js {version}, shared by every page of this book (scripts/share_plotly.py wrote it from
// the kernelspec's plotly.js). It sets window.Plotly even with require.js on the page, then
// draws the figures that were waiting for it (window.neuralodePlotlyQueue).
(function () {{
  var w = window;
  var queue = w.neuralodePlotlyQueue = w.neuralodePlotlyQueue || [];
  if (!w.Plotly) {{
    var hidden = {{ define: w.define, module: w.module, exports: w.exports }};
    try {{
      w.define = undefined; w.module = undefined; w.exports = undefined;
      (function (define, module, exports) {{
"""
WRAPPER_TAIL = """
      }).call(window);
    } catch (e) {
      w.neuralodePlotlyError = 'plotly.js failed to run: ' + e;
      console.error(e);
    } finally {
      w.define = hidden.define; w.module = hidden.module; w.exports = hidden.exports;
      w.neuralodePlotlyLoading = false;
    }
    if (!w.Plotly && !w.neuralodePlotlyError) { w.neuralodePlotlyError = 'plotly.js did not define window.Plotly'; }
  }
  while (queue.length) {
    try { queue.shift()(); } catch (e) { console.error(e); }
  }
})();
"""


def loader_scripts(text):
    """(start, end, base64 payload) of every plotly loader <script> element in the page."""
    found, position = [], 0
    while True:
        start = text.find("<script", position)
        if start < 0:
            return found
        body_start = text.find(">", start) + 1
        end = text.find("</script>", body_start)
        if body_start == 0 or end < 0:
            return found
        body = text[body_start:end]
        match = PAYLOAD.search(body) if DECOMPRESSION in body else None
        if match:
            found.append((start, end + len("</script>"), match.group(1)))
        position = end + len("</script>")


def decode(payload):
    """The plotly.js source inside a loader's payload, or None if it is not gzip+base64 text."""
    try:
        return gzip.decompress(base64.b64decode(payload, validate=True)).decode("utf-8")
    except (binascii.Error, OSError, EOFError, zlib.error, UnicodeDecodeError):
        return None


def share_plotly(book, say=print, plotly_js=None):
    """Rewrites the HTML pages in folder `book` in place; returns the asset files written
    (relative to `book`). plotly_js: path of plotly.js (default: the built kernelspec's copy)."""
    book = Path(book)
    assets = book / "assets"
    written = {}  # sha256 of the code -> asset path relative to the book

    def asset_for(code):
        digest = hashlib.sha256(code.encode("utf-8")).hexdigest()
        if digest not in written:
            version = VERSION.match(code)
            name = f"plotly-{version.group(1)}.js" if version else f"plotly-{digest[:12]}.js"
            if f"assets/{name}" in written.values():  # same version, other bytes: keep both
                name = name[:-len(".js")] + f"-{digest[:12]}.js"
            assets.mkdir(exist_ok=True)
            (assets / name).write_text(WRAPPER_HEAD.format(version=version.group(1) if version else digest[:12])
                                       + code + WRAPPER_TAIL, encoding="utf-8")
            written[digest] = f"assets/{name}"
        return written[digest]

    shared_code = None
    for page in sorted(book.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        scripts = loader_scripts(text)
        has_figures = FIGURE_MARK in text
        if not scripts and not has_figures:
            continue
        parts, position, first = [], 0, True
        for start, end, payload in scripts:
            code = decode(payload)
            if code is None:
                say(f"{page.name}: a plotly.js loader could not be decoded; it stays in the page")
                continue
            parts.append(text[position:start])
            # Later loaders of the same page (a restarted kernel) add nothing: plotly.js is there.
            parts.append(f'<script type="text/javascript" src="{asset_for(code)}"></script>' if first
                         else "<!-- plotly.js: loaded above -->")
            first = False
            position = end
        parts.append(text[position:])
        text = "".join(parts)
        if has_figures and first:  # figures, and no plotly.js yet: the shared copy, in <head>
            if shared_code is None:
                source = Path(plotly_js or DEFAULT_PLOTLY)
                if not source.is_file():
                    raise SystemExit(f"share_plotly.py: no plotly.js at {source} (build first: mvn -B -DskipTests package)")
                shared_code = source.read_text(encoding="utf-8")
            tag = f'<script type="text/javascript" src="{asset_for(shared_code)}"></script>'
            head = text.find("</head>")
            text = text[:head] + tag + "\n" + text[head:] if head >= 0 else tag + "\n" + text
        page.write_text(text, encoding="utf-8")
    return sorted(set(written.values()))


if __name__ == "__main__":
    args = sys.argv[1:]
    plotly = None
    if len(args) == 3 and args[1] == "--plotly":
        plotly = args[2]
        args = args[:1]
    if len(args) != 1 or not Path(args[0]).is_dir():
        sys.exit("usage: share_plotly.py DIR [--plotly PLOTLY_JS]")
    print("\n".join(share_plotly(args[0], plotly_js=plotly)) or "no page with figures found")
