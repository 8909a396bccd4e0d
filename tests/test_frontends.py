"""The notebooks in the front ends students open: JupyterLab 4 and Notebook 7 (the project's
virtualenv), driven by Playwright through Debian's /usr/bin/chromium, offline, on 127.0.0.1.

One server per front end (random free port, a token, a temporary copy of notebooks/, settings and
runtime folders of its own). For every notebook: open it, Run All Cells, and count the figures
the saved notebook holds (emitted: outputs with plotly's MIME type or our figure's HTML) and the
ones the page draws (an interactive plotly plot: an svg with traces and a non-zero height; where a
figure shows its PNG until the pointer enters it, as plotly's extension does, the pointer is
moved over it first). drawn == emitted is asserted. Then the notebook is saved, made untrusted (as
one a student downloads or is sent: edited outside Jupyter, so its signature no longer matches and
the front end runs no script of it), opened again in a fresh page, and every figure must show a
plot or its PNG, never a blank box. In notebook 05 the
live training view must update in place (several distinct renders during the training cell).
Script errors and console errors of the pages fail the test. In JupyterLab also: Tab completion,
the Shift-Tab tooltip, the stop button on a busy cell, restarting the kernel, and an error's
display.

The table notebook x front end, drawn / emitted, is printed at the end of the run (run_tests.py's
measured figures). Without Chromium or Playwright the tests skip on a developer machine and fail
in CI (CI=true). Run with .venv/bin/python (scripts/setup.sh --for-tests).
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

import kernel_helpers as kh

CHROMIUM = "/usr/bin/chromium"
NOTEBOOKS = sorted((kh.ROOT / "notebooks").glob("[0-9]*.ipynb"))
if os.environ.get("FRONTEND_NOTEBOOKS"):      # e.g. FRONTEND_NOTEBOOKS=00,05 while developing
    NOTEBOOKS = [p for p in NOTEBOOKS if p.name[:2] in os.environ["FRONTEND_NOTEBOOKS"].split(",")]
SCREENSHOTS = kh.BUILD / "screenshots"
RUN_TIMEOUT = 240          # seconds for Run All Cells of one notebook
LIVE_NOTEBOOK = "05-"      # the notebook whose training cell updates a live view

# drawn / emitted per (front end, notebook), printed at the end of the run
TABLE = {}

# Console messages that are not the notebook's faults: resources the offline server cannot give
# (favicons, the news feed), JupyterLab's debugger panel asking a kernel that has no debugger
# (ours, like most non-Python kernels, says so in kernel_info; the panel still asks), and one
# error of Notebook 7's page itself.
BENIGN_CONSOLE = re.compile(r"favicon|Failed to load resource: the server responded with a status of 404"
                            r"|net::ERR_INTERNET_DISCONNECTED|No active debugger session"
                            # Notebook 7.6.3's own page (seen also with no user settings):
                            # a settings-schema lookup that finds no plugin
                            r"|Cannot read properties of undefined \(reading 'schema'\)")

# In the page: one record per figure output (plotly's extension's renderer, or our figure's div):
# whether it shows an interactive plot (svg with traces, non-zero height, visible) or a PNG.
CENSUS_JS = """() => {
  const figures = [...document.querySelectorAll('.jp-RenderedPlotly, .neuralode-plot')]
      .filter(e => !e.parentElement.closest('.jp-RenderedPlotly, .neuralode-plot'));
  return figures.map(e => {
    const cell = e.closest('.jp-Cell');
    const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
    const svg = e.querySelector('.main-svg');
    const box = svg ? svg.getBoundingClientRect() : null;
    const container = e.querySelector('.plot-container');
    const shown = el => el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
    const traces = e.querySelectorAll('.main-svg g.trace, .main-svg g.hm, .main-svg .imagelayer image').length;
    const png = [...e.querySelectorAll('img')].some(i => i.naturalWidth > 0 && shown(i));
    return {cell: cells.indexOf(cell), interactive: !!(box && box.height > 0 && traces > 0 && (!container || shown(container))),
            png: png, text: (e.innerText || '').slice(0, 160)};
  });
}"""

# Installed before any page script: records, every 150 ms, a signature of each cell's figures,
# so that the renders a live view goes through can be counted afterwards.
RENDER_TRACKER_JS = """
window.__renders = {};
setInterval(() => {
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
  cells.forEach((cell, index) => {
    const parts = [...cell.querySelectorAll('.jp-RenderedPlotly, .neuralode-plot')].map(e => {
      const paths = [...e.querySelectorAll('.main-svg path')].map(p => (p.getAttribute('d') || '').length).join(',');
      const imgs = [...e.querySelectorAll('img')].map(i => (i.src || '').length + ':' + (i.src || '').slice(-24)).join(',');
      return paths + '|' + imgs;
    });
    if (parts.length === 0) return;
    const key = parts.join(';');
    (window.__renders[index] = window.__renders[index] || {})[key] = true;
  });
}, 150);
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterServer:
    """jupyter lab / jupyter notebook on 127.0.0.1 with a token, serving a temporary folder."""

    def __init__(self, app, root, home):
        self.app, self.root, self.home = app, root, home
        self.port, self.token = free_port(), os.urandom(16).hex()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = home / f"{app}.log"

    def __enter__(self):
        settings = self.home / "lab-settings"
        # Every cell in the DOM (no windowing, so off-screen outputs are there to count), and no
        # news or update checks (offline).
        plugins = {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"}}
        if self.app == "lab":
            plugins["@jupyterlab/apputils-extension/notification"] = {"fetchNews": "false", "checkForUpdates": False}
        for plugin, values in plugins.items():
            target = settings / (plugin + ".jupyterlab-settings")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(self.home / "config"),
                   JUPYTER_DATA_DIR=str(self.home / "data"), JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.home / "workspaces"))
        module = {"lab": "jupyterlab", "notebook": "notebook"}[self.app]
        command = [sys.executable, "-m", module, "--no-browser", "--ServerApp.ip=127.0.0.1",
                   f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
                   "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if os.geteuid() == 0:
            command.append("--allow-root")      # Jupyter refuses root (CI, containers) otherwise
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                        stderr=open(self.log, "w"), cwd=self.root)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{module} exited: {self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"{module} did not start: {self.log.read_text()[-3000:]}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def api(self, method, path):
        request = urllib.request.Request(f"{self.base}{path}?token={self.token}", method=method)
        with urllib.request.urlopen(request, timeout=30) as r:
            body = r.read()
            return json.loads(body) if body else None

    def shut_down_kernels(self):
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def url(self, name, workspace):
        if self.app == "lab":
            return f"{self.base}/lab/workspaces/{workspace}/tree/{name}?token={self.token}"
        return f"{self.base}/notebooks/{name}?token={self.token}"


class FrontEndTest:
    """Shared by the JupyterLab 4 and Notebook 7 tests (mixed into unittest.TestCase)."""

    app = None
    label = None

    @classmethod
    def setUpClass(cls):
        cls.skip_reason = None
        if not Path(CHROMIUM).exists():
            cls.skip_reason = f"Chromium not found at {CHROMIUM} (scripts/setup.sh --for-tests installs it)"
            return
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            cls.skip_reason = "Playwright is missing: run the tests with .venv/bin/python (scripts/setup.sh --for-tests)"
            return
        kh.use_built_kernelspec()
        cls.home = Path(tempfile.mkdtemp(prefix=f"frontend-{cls.app}-"))
        cls.root = cls.home / "notebooks"
        shutil.copytree(kh.ROOT / "notebooks", cls.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        cls.server = JupyterServer(cls.app, cls.root, cls.home).__enter__()
        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"])
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "skip_reason", None) or not hasattr(cls, "server"):
            return
        try:
            cls.browser.close()
            cls.playwright.stop()
        finally:
            try:
                cls.server.shut_down_kernels()
            except OSError:
                pass
            cls.server.__exit__(None, None, None)
            shutil.rmtree(cls.home, ignore_errors=True)

    def setUp(self):
        if self.skip_reason:
            kh.cannot_run(self, self.skip_reason)

    # --- the page ------------------------------------------------------------------------------

    def open_page(self, name, workspace):
        context = self.browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.console_errors = []

        def on_console(message):
            if message.type == "error" and not BENIGN_CONSOLE.search(message.text):
                page.console_errors.append(message.text)
        page.on("console", on_console)
        def on_page_error(error):
            if not BENIGN_CONSOLE.search(str(error)):
                page.console_errors.append(f"uncaught: {error}")
        page.on("pageerror", on_page_error)
        page.add_init_script(RENDER_TRACKER_JS)
        page.goto(self.server.url(name, workspace), wait_until="domcontentloaded", timeout=90_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        return context, page

    def wait_for_kernel(self, page, name, timeout=180):
        """Until the notebook's kernel has started and the page shows it idle."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            states = [s["kernel"]["execution_state"] for s in self.server.api("GET", "/api/sessions")
                      if s["path"] == name]
            if states == ["idle"]:
                break
            time.sleep(1)
        if self.app == "lab":          # (Notebook 7's toolbar shows the state differently)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)

    def menu(self, page, top, item):
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{top}$")).first.click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}")).first.click()

    def wait_until_run(self, page, timeout=RUN_TIMEOUT):
        """Until every code cell shows an execution count (none queued or running)."""
        page.wait_for_function("""() => {
            const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""", timeout=timeout * 1000, polling=500)

    def reveal_figures(self, page):
        """Moves the pointer over every figure (plotly's extension shows the PNG until then) and
        waits a little for the plots to draw."""
        figures = page.locator(".jp-RenderedPlotly, .neuralode-plot")
        for index in range(figures.count()):
            figure = figures.nth(index)
            try:
                figure.scroll_into_view_if_needed(timeout=5000)
                figure.hover(timeout=5000, force=True)
            except Exception:           # a figure that cannot be hovered is judged by the census
                pass
        try:
            page.wait_for_function(f"() => ({CENSUS_JS})().every(f => f.interactive)", timeout=15_000, polling=500)
        except Exception:
            pass
        return page.evaluate(CENSUS_JS)

    def distrust(self, path):
        """Makes the saved notebook untrusted: an edit outside Jupyter (one metadata key) voids its
        signature, as for a notebook downloaded or sent by mail. Checks that the server says so."""
        nb = json.loads(path.read_text(encoding="utf-8"))
        nb["metadata"]["edited_outside_jupyter"] = True
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
        model = self.server.api("GET", f"/api/contents/{path.name}")
        trusted = [c["metadata"].get("trusted") for c in model["content"]["cells"] if c["cell_type"] == "code"]
        self.assertFalse(any(trusted), f"{path.name} is still trusted after an edit outside Jupyter")

    def save(self, page, path):
        before = path.stat().st_mtime
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if path.stat().st_mtime != before:
                try:                      # written completely (the server writes in place)
                    json.loads(path.read_text(encoding="utf-8"))
                    return
                except ValueError:
                    pass
            time.sleep(0.3)
        self.fail(f"{path.name} was not saved")

    # --- the test --------------------------------------------------------------------------------

    def test_every_notebook_runs_and_draws_every_figure(self):
        for notebook in NOTEBOOKS:
            with self.subTest(notebook=notebook.name):
                self.check_notebook(notebook.name)

    def test_a_slider_moves_the_plot(self):
        """A figure with a slider (Plot.slider: frames computed in Java): dragging it to its last
        step redraws the line, with no kernel round trip (the kernel is shut down first)."""
        name = f"frontend-slider-{self.app}.ipynb"
        source = ("double[] x = Grids.linspace(0, 1, 21);\n"
                  "Plot.slider(\"$k$\", List.of(\"1\", \"2\", \"3\", \"4\"), k -> Plot.figure()"
                  ".line(\"x^k\", x, Arrays.stream(x).map(v -> Math.pow(v, k + 1)).toArray())"
                  ".title(\"power \" + (k + 1)).build(), 0)")
        nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                         "source": source, "id": "slider"}],
              "metadata": {"kernelspec": {"name": kh.KERNEL_NAME, "display_name": "Java", "language": "java"}},
              "nbformat": 4, "nbformat_minor": 5}
        (self.root / name).write_text(json.dumps(nb))
        context, page = self.open_page(name, "slider")
        try:
            self.wait_for_kernel(page, name)
            self.menu(page, "Run", "Run All Cells")
            self.wait_until_run(page)
            self.server.shut_down_kernels()          # what follows needs no kernel
            census = self.reveal_figures(page)
            self.assertEqual(1, sum(1 for f in census if f["interactive"]), f"the slider's figure is drawn: {census}")
            line = page.locator(".main-svg g.trace path.js-line").first
            before = line.get_attribute("d")
            rail = page.locator(".slider-container .slider-rail-touch-rect").first
            box = rail.bounding_box()
            self.assertIsNotNone(box, "the figure shows a slider")
            page.mouse.click(box["x"] + box["width"] - 3, box["y"] + box["height"] / 2)
            page.wait_for_function("(d) => { const p = document.querySelector('.main-svg g.trace path.js-line');"
                                   " return p && p.getAttribute('d') !== d; }", arg=before, timeout=10_000)
            after = line.get_attribute("d")
            self.assertNotEqual(before, after, "moving the slider redraws the line")
            title = page.locator(".main-svg .gtitle").first.text_content()
            self.assertIn("power 4", title, "the last step's frame, with its own title")
            page.screenshot(path=str(SCREENSHOTS / f"{self.app}-slider.png"), full_page=True)
            self.assertEqual([], page.console_errors, "console errors")
        finally:
            context.close()
            self.server.shut_down_kernels()

    def check_notebook(self, name):
        path = self.root / name
        context, page = self.open_page(name, f"run-{name[:2]}")
        try:
            self.wait_for_kernel(page, name)
            start = time.monotonic()
            self.menu(page, "Run", "Run All Cells")
            self.wait_until_run(page)
            run_seconds = time.monotonic() - start
            census = self.reveal_figures(page)
            page.screenshot(path=str(SCREENSHOTS / f"{self.app}-{Path(name).stem}.png"), full_page=True)
            renders = page.evaluate("() => Object.fromEntries(Object.entries(window.__renders).map(([k, v]) => [k, Object.keys(v).length]))")
            errors = list(page.console_errors)
            self.save(page, path)
        finally:
            context.close()
        emitted_by_cell = kh.figure_outputs(path)
        emitted = sum(emitted_by_cell.values())
        drawn = sum(1 for f in census if f["interactive"])
        # untrusted, reopened in a fresh page (same kernel): plot or PNG, never blank
        self.distrust(path)
        context, page = self.open_page(name, f"reopen-{name[:2]}")
        try:
            page.wait_for_timeout(1500)
            reopened = self.reveal_figures(page)
            errors += page.console_errors
        finally:
            context.close()
            self.server.shut_down_kernels()      # one kernel at a time: 2 cores
        drawn_again = sum(1 for f in reopened if f["interactive"])
        shown_again = sum(1 for f in reopened if f["interactive"] or f["png"])
        TABLE[(self.label, name)] = (drawn, emitted, drawn_again, len(reopened), run_seconds, shown_again)
        kh.metric(f"{self.label}: {name} drawn / emitted (after an untrusted reopen)",
                  f"{drawn}/{emitted} ({drawn_again}/{len(reopened)}), Run All {run_seconds:.0f} s, "
                  f"saved {path.stat().st_size / 1e3:.0f} kB")

        self.assertEqual(emitted, len(census), f"{name}: figure outputs in the page vs in the saved notebook")
        blank = [f for f in census if not f["interactive"]]
        self.assertEqual(emitted, drawn, f"{name}: figures drawn / emitted; not drawn: {blank}")
        self.assertEqual(emitted, len(reopened), f"{name}: figure outputs after reopening")
        never_blank = [f for f in reopened if not (f["interactive"] or f["png"])]
        self.assertEqual([], never_blank, f"{name}: blank figures after save and an untrusted reopen")
        if name.startswith(LIVE_NOTEBOOK):
            live_cells = [c for c, n in emitted_by_cell.items() if n >= 1 and renders.get(str(c), 0) >= 1]
            best = max((renders.get(str(c), 0) for c in live_cells), default=0)
            kh.metric(f"{self.label}: {name} live view, distinct renders of the training cell", best)
            self.assertGreaterEqual(best, 4, f"{name}: the live view did not update in place ({renders})")
        self.assertEqual([], errors, f"{name}: console errors")


class JupyterLabTest(FrontEndTest, unittest.TestCase):
    app = "lab"
    label = "JupyterLab 4"

    def test_editing_features(self):
        """Tab completion, Shift-Tab tooltip, an error's display, the stop button, restart."""
        name = "frontend-features.ipynb"
        cells = ["int answer = 42;", "Math.ab", "Math.max", 'throw new IllegalStateException("on purpose");',
                 "while (true) { }", "answer"]
        nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                         "source": source, "id": f"c{i}"} for i, source in enumerate(cells)],
              "metadata": {"kernelspec": {"name": kh.KERNEL_NAME, "display_name": "Java", "language": "java"}},
              "nbformat": 4, "nbformat_minor": 5}
        (self.root / name).write_text(json.dumps(nb))
        context, page = self.open_page(name, "features")
        try:
            self.wait_for_kernel(page, name)
            cell = lambda i: page.locator(".jp-Notebook .jp-Cell").nth(i)

            def run_cell(i):
                cell(i).locator(".cm-content").click()
                page.keyboard.press("Shift+Enter")

            def prompt(i):
                return cell(i).locator(".jp-InputArea-prompt").inner_text()

            def popup_at_line_end(i, key, selector, expected):
                """Presses key at the end of cell i; the popup (selector) opens and shows expected."""
                cell(i).locator(".cm-content").click()
                page.keyboard.press("End")
                page.keyboard.press(key)
                popup = page.locator(selector)
                popup.wait_for(state="visible", timeout=20_000)
                self.assertIn(expected, popup.inner_text())
                page.keyboard.press("Escape")

            run_cell(0)
            page.wait_for_function("() => /\\[1\\]/.test(document.querySelectorAll('.jp-Cell .jp-InputArea-prompt')[0].textContent)",
                                   timeout=120_000)
            with self.subTest("Tab completion"):
                popup_at_line_end(1, "Tab", ".jp-Completer", "abs(")
            with self.subTest("Shift-Tab tooltip"):
                popup_at_line_end(2, "Shift+Tab", ".jp-Tooltip", "max")
            with self.subTest("an error's display"):
                run_cell(3)
                error = cell(3).locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
                error.first.wait_for(timeout=30_000)
                self.assertIn("IllegalStateException", error.first.inner_text())
                self.assertIn("on purpose", error.first.inner_text())
            with self.subTest("the stop button on a busy cell"):
                run_cell(4)
                page.wait_for_timeout(2000)
                self.assertIn("*", prompt(4), "the busy cell is running")
                page.locator("[data-command='notebook:interrupt-kernel']").first.click()
                page.wait_for_function("() => /\\[\\d+\\]/.test(document.querySelectorAll('.jp-Cell .jp-InputArea-prompt')[4].textContent)",
                                       timeout=30_000)
                self.assertIn("interrupted", cell(4).locator(".jp-OutputArea").inner_text().lower(),
                              "the stopped cell says it was interrupted")
                run_cell(5)
                page.wait_for_function("() => /\\[\\d+\\]/.test(document.querySelectorAll('.jp-Cell .jp-InputArea-prompt')[5].textContent)",
                                       timeout=30_000)
                self.assertIn("42", cell(5).locator(".jp-OutputArea").inner_text(),
                              "the session's variables survive the stop button")
            with self.subTest("restart"):
                self.menu(page, "Kernel", "Restart Kernel")
                page.locator(".jp-Dialog .jp-mod-accept").click()
                page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
                page.wait_for_timeout(1000)
                run_cell(5)
                page.wait_for_function("() => document.querySelectorAll('.jp-Cell')[5].querySelector('.jp-OutputArea-output') !== null && /\\[1\\]/.test(document.querySelectorAll('.jp-Cell .jp-InputArea-prompt')[5].textContent)",
                                       timeout=60_000)
                after = cell(5).locator(".jp-OutputArea").inner_text()
                self.assertIn("cannot find symbol", after, "after a restart the old variable is gone")
                self.assertIn("answer", after, "the error names the variable")
            page.screenshot(path=str(SCREENSHOTS / "lab-features.png"), full_page=True)
            self.assertEqual([], page.console_errors, "console errors")
        finally:
            context.close()
            self.server.shut_down_kernels()


class Notebook7Test(FrontEndTest, unittest.TestCase):
    app = "notebook"
    label = "Notebook 7"


def table():
    """The drawn / emitted table (Markdown), for the closing note and README."""
    if not TABLE:
        return ""
    names = sorted({n for _, n in TABLE})
    lines = ["| front end | " + " | ".join(n[:2] for n in names) + " | all |",
             "|---|" + "---|" * (len(names) + 1)]
    for label in sorted({f for f, _ in TABLE}):
        for what, count in (("drawn / emitted", lambda r: r[0]),
                            ("plot or PNG after an untrusted reopen", lambda r: r[5])):
            cells, shown, emitted = [], 0, 0
            for n in names:
                if (label, n) in TABLE:
                    d, e = count(TABLE[(label, n)]), TABLE[(label, n)][1]
                    shown, emitted = shown + d, emitted + e
                    cells.append(f"{d}/{e}")
                else:
                    cells.append("-")
            lines.append(f"| {label}: {what} | " + " | ".join(cells) + f" | **{shown}/{emitted}** |")
    return "\n".join(lines)


if __name__ == "__main__":
    unittest.main()
