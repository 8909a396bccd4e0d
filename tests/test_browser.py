"""Plots draw in a real browser, offline: the executed notebooks, exported to HTML with nbconvert
(require.js and MathJax from Debian's local copies), are loaded in headless Debian Chromium with
networking off; every figure's div must hold a plotly plot (its `main-svg` elements), no figure may show the
"plot not drawn" message, LaTeX titles must be typeset, and no script error may be logged.
Notebooks carry no plotly.js: the live Notebook fetches it from the kernelspec folder, an exported
page gets it from scripts/share_plotly.py (as the book does); a plain export without it shows
every figure's PNG, never an empty box.

Screenshots land in build/screenshots/ for people to look at. Without Chromium or Jupyter the
tests skip on a developer machine and fail in CI (CI=true). The live front ends (JupyterLab 4,
Notebook 7) are tested by test_frontends.py. Run with .venv/bin/python.
"""
import re
import subprocess
import sys
import tempfile
import unittest
from html.parser import HTMLParser
from pathlib import Path

import kernel_helpers as kh

sys.path.insert(0, str(kh.ROOT / "scripts"))
from share_plotly import share_plotly  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# nbconvert of the Python running the tests (the project's virtualenv)
NBCONVERT = [sys.executable, "-m", "nbconvert"]
# The export loads require.js and MathJax 2 from these local files, not from a CDN (offline).
REQUIREJS = Path("/usr/share/javascript/requirejs/require.min.js")
MATHJAX = Path("/usr/share/javascript/mathjax/MathJax.js")
SCREENSHOTS = kh.BUILD / "screenshots"
EXPORTS = kh.BUILD / "html"

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-quic",
    "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--mute-audio",
    "--allow-file-access-from-files", "--enable-logging=stderr", "--v=0",
]

# Put first in the page's <head>: records script errors (and console.error calls) in an attribute
# of <html>, which --dump-dom then shows. Chromium's stderr log is checked as well.
ERROR_CATCHER = """<script>
(function () {
  var errors = [];
  function note(text) { errors.push(String(text)); document.documentElement.setAttribute('data-script-errors', JSON.stringify(errors)); }
  window.addEventListener('error', function (e) { note('error: ' + e.message + ' at ' + e.filename + ':' + e.lineno); });
  window.addEventListener('unhandledrejection', function (e) { note('unhandled rejection: ' + e.reason); });
  var original = console.error;
  console.error = function () { note('console.error: ' + Array.prototype.join.call(arguments, ' ')); return original.apply(console, arguments); };
})();
</script>"""


def require_tool(test, path, what):
    if not Path(path).exists():
        kh.cannot_run(test, f"{what} not found at {path} (scripts/setup.sh --for-tests installs it)")


def chromium(url, profile, screenshot=None, budget_ms=20000, size=(1280, 4000), timeout=180):
    """Loads url headless and returns (dumped DOM, console lines of the log). With screenshot,
    saves a PNG of the window instead of dumping the DOM (then the DOM is '')."""
    args = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
            f"--virtual-time-budget={budget_ms}", f"--window-size={size[0]},{size[1]}"]
    args += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    result = subprocess.run(args + [url], capture_output=True, text=True, timeout=timeout)
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console


class PlotCensus(HTMLParser):
    """For each figure div (class neuralode-plot): its main-svg count, whether it shows the 'plot
    not drawn' message or still its static stand-in (PNG or hint) instead of a plot, and any visible title, axis or legend text that is still
    raw LaTeX ($...$; plotly hides that text and adds a typeset copy when MathJax renders it)."""

    LABELS = {"gtitle", "xtitle", "ytitle", "x2title", "y2title", "legendtext"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.figures = []          # dicts: id, main_svg, message, raw_tex
        self._stack = []           # (tag, figure index or None)
        self._label = None         # [figure, hidden, text] of the label being read

    def _current(self):
        for _, index in reversed(self._stack):
            if index is not None:
                return self.figures[index]
        return None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        index = None
        if tag == "div" and "neuralode-plot" in classes:
            self.figures.append({"id": attrs.get("id"), "main_svg": 0, "message": False, "raw_tex": [],
                                 "stand_in": False})
            index = len(self.figures) - 1
        figure = self._current() if index is None else self.figures[index]
        if figure is not None:
            if "main-svg" in classes:
                figure["main_svg"] += 1
            if "neuralode-static" in classes:
                figure["stand_in"] = True
            if tag == "text" and classes & self.LABELS:
                self._label = [figure, "display: none" in (attrs.get("style") or ""), ""]
        if tag not in self.VOID:
            self._stack.append((tag, index))

    def handle_endtag(self, tag):
        if tag == "text" and self._label is not None:
            figure, hidden, text = self._label
            if not hidden and text.strip().startswith("$"):
                figure["raw_tex"].append(text.strip())
            self._label = None
        if any(t == tag for t, _ in self._stack):
            while self._stack and self._stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if self._label is not None:
            self._label[2] += data
        figure = self._current()
        if figure is not None and "[plot not drawn" in data:
            figure["message"] = True


def census(dom):
    parser = PlotCensus()
    parser.feed(dom)
    return parser.figures


def uncaught(console_lines):
    return [line for line in console_lines if "Uncaught" in line]


def executed_notebooks():
    """The executed notebooks the notebook test left in build/executed/, or, if there are none,
    notebooks/*.ipynb executed here with our kernel."""
    found = sorted(kh.EXECUTED.glob("*.ipynb"))
    if found:
        return found
    import nbformat
    from nbclient import NotebookClient
    kh.use_built_kernelspec()
    kh.EXECUTED.mkdir(parents=True, exist_ok=True)
    for path in sorted((kh.ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name=kh.KERNEL_NAME, startup_timeout=120,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        nbformat.write(nb, kh.EXECUTED / path.name)
    return sorted(kh.EXECUTED.glob("*.ipynb"))


def plot_notebooks(test):
    notebooks = [(p, sum(kh.figure_outputs(p).values())) for p in executed_notebooks()]
    notebooks = [(p, n) for p, n in notebooks if n > 0]
    test.assertTrue(notebooks, "no executed notebook shows a figure (expected at least the kernel tour's plot)")
    return notebooks


class ExportedHtmlTest(unittest.TestCase):
    """nbconvert's HTML export (require.js and MathJax from local files) draws every figure."""

    @classmethod
    def setUpClass(cls):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        EXPORTS.mkdir(parents=True, exist_ok=True)

    def check_page(self, name, dom, console, expected_figures):
        """Every figure of the page holds a drawn plotly plot with typeset labels; no script error."""
        figures = census(dom)
        self.assertGreaterEqual(len(figures), expected_figures, f"{name}: figure divs in the page")
        for figure in figures:
            self.assertFalse(figure["message"], f"{name}: figure {figure['id']} says the plot was not drawn")
            self.assertGreaterEqual(figure["main_svg"], 1, f"{name}: figure {figure['id']} holds no plotly plot")
            self.assertFalse(figure["stand_in"], f"{name}: figure {figure['id']} still shows its static stand-in")
            self.assertEqual([], figure["raw_tex"], f"{name}: figure {figure['id']} shows raw LaTeX")
        self.assertEqual([], uncaught(console), f"{name}: uncaught script errors")
        return figures

    def test_every_figure_draws_in_the_html_export(self):
        require_tool(self, CHROMIUM, "Chromium")
        require_tool(self, REQUIREJS, "require.js (Debian package libjs-requirejs)")
        require_tool(self, MATHJAX, "MathJax 2 (Debian package libjs-mathjax)")
        for notebook, expected in plot_notebooks(self):
            with self.subTest(notebook=notebook.name), tempfile.TemporaryDirectory() as tmp:
                subprocess.run([*NBCONVERT, "--to", "html", "--output-dir", str(EXPORTS),
                                f"--HTMLExporter.require_js_url={REQUIREJS.as_uri()}",
                                f"--HTMLExporter.mathjax_url={MATHJAX.as_uri()}?config=TeX-AMS_CHTML-full,Safe",
                                str(notebook)],
                               check=True, capture_output=True, text=True, timeout=300)
                exported = EXPORTS / (notebook.stem + ".html")
                page = Path(tmp) / exported.name
                html = exported.read_text(encoding="utf-8")
                page.write_text(html.replace("<head>", "<head>\n" + ERROR_CATCHER, 1), encoding="utf-8")
                # As exported: no plotly.js on the page, so each figure keeps its PNG and says why.
                dom, console = chromium(page.as_uri(), Path(tmp) / "profile0")
                plain = census(dom)
                self.assertEqual(expected, len(plain), f"{notebook.name}: figure divs in the plain export")
                for figure in plain:
                    self.assertTrue(figure["stand_in"] and figure["message"] and figure["main_svg"] == 0,
                                    f"{notebook.name}: figure {figure['id']} in the plain export: {figure}")
                self.assertEqual([], uncaught(console), f"{notebook.name}: uncaught script errors (plain export)")
                share_plotly(tmp, say=lambda text: None)  # plotly.js beside the page, as in the book
                dom, console = chromium(page.as_uri(), Path(tmp) / "profile")
                self.check_page(notebook.name, dom, console, expected)
                errors = re.search(r'data-script-errors="([^"]*)"', dom)
                self.assertIsNone(errors, f"{notebook.name}: script errors {errors and errors.group(1)}")
                shot = SCREENSHOTS / f"{notebook.stem}.png"
                chromium(page.as_uri(), Path(tmp) / "profile2", screenshot=shot)
                self.assertTrue(shot.is_file() and shot.stat().st_size > 10_000, f"no screenshot {shot}")
                kh.metric(f"executed {notebook.name} size", f"{notebook.stat().st_size / 1e6:.2f} MB "
                          f"({expected} figures); HTML export {exported.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    unittest.main()
