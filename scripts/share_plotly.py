"""Makes the pages of an exported HTML book share one copy of plotly.js.

In a notebook, each kernel session carries plotly.js once, in an invisible output of its own just
before the first figure (FigureHtml.plotlyLoaderBundle): a loader script
(library/src/main/resources/org/neuralode/plot/plotly-loader.js) holding the bundle gzip-compressed
and base64-encoded, about 3.2 MB. A book of N pages exported with nbconvert therefore holds N
copies. This step decodes the payload once, writes plotly.js to BOOK/assets/plotly-<version>.js,
wrapped so that it defines window.Plotly exactly as the loader does, and replaces each page's
loader with <script src="assets/plotly-<version>.js">. Pages without a loader (no figures) stay
as they are. The figure scripts need no change: they draw at once when window.Plotly exists, and
otherwise queue themselves on window.neuralodePlotlyQueue, which the shared script flushes.

    /usr/bin/python3 scripts/share_plotly.py BOOK_DIR     (book.sh runs it on every book it makes)
"""
import base64
import binascii
import gzip
import hashlib
import re
import sys
import zlib
from pathlib import Path

# What identifies the loader's script element: the payload variable and the decompression.
PAYLOAD = re.compile(r"var base64 = '([A-Za-z0-9+/=]*)'")
DECOMPRESSION = "DecompressionStream('gzip')"
VERSION = re.compile(r"\A\s*/\*\*?\s*\*?\s*plotly\.js v([0-9][0-9A-Za-z.+-]*)")

# Same as the loader once the code is decompressed: the bundle runs inside a function whose
# parameters shadow `define`, `module` and `exports`, so its UMD header takes the browser-global
# branch and sets window.Plotly even though the page has require.js; the globals are hidden too,
# as a second guard, and restored right after. Then every figure that queued itself is drawn.
# A classic <script src> runs while the page is parsed, so figures further down draw at once.
WRAPPER_HEAD = """// plotly.js {version}, shared by every page of this book (scripts/share_plotly.py wrote it from
// the copy the notebooks carried). It sets window.Plotly even with require.js on the page, then
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


def share_plotly(book, say=print):
    """Rewrites the HTML pages in folder `book` in place; returns the asset files written
    (relative to `book`). A page whose loader cannot be decoded is left as it is, with a warning."""
    book = Path(book)
    assets = book / "assets"
    written = {}  # sha256 of the code -> asset path relative to the book
    for page in sorted(book.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        scripts = loader_scripts(text)
        if not scripts:
            continue
        parts, position, first = [], 0, True
        for start, end, payload in scripts:
            code = decode(payload)
            if code is None:
                say(f"{page.name}: a plotly.js loader could not be decoded; it stays in the page")
                continue
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
            parts.append(text[position:start])
            # Later loaders of the same page (a restarted kernel) add nothing: plotly.js is there.
            parts.append(f'<script type="text/javascript" src="{written[digest]}"></script>' if first
                         else "<!-- plotly.js: loaded above -->")
            first = False
            position = end
        parts.append(text[position:])
        page.write_text("".join(parts), encoding="utf-8")
    return sorted(written.values())


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: share_plotly.py BOOK_DIR")
    print("\n".join(share_plotly(sys.argv[1])) or "no plotly.js loader found")
