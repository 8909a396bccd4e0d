"""The static HTML book (scripts/book.sh) works from a USB stick: made, then moved to another
folder, it is opened from file:// in headless Debian Chromium with networking off. The index
links every notebook in order, every link and every script the pages load resolves inside the
folder, nothing needed for rendering comes from http(s) or from files outside the folder, and
every figure draws (plotly's `main-svg` inside each figure div) and math is typeset. Chromium's
only way out is a proxy that refuses and records every request: the book needs no http(s) at all.
plotly.js is in the book once (assets/plotly-<version>.js, scripts/share_plotly.py), loaded by
every page with a figure.

book.sh reuses the executed notebooks the notebook test left in build/executed/ when they are
up to date, and executes the others itself. Without Chromium or Jupyter the tests skip on a
developer machine and fail in CI (CI=true). Run with .venv/bin/python.
"""
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import unittest
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import kernel_helpers as kh

ROOT = kh.ROOT
BOOK_SH = ROOT / "scripts" / "book.sh"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--enable-logging=stderr", "--v=0",
]
PLOTLY_HEADER = re.compile(r"/\*\*?\s*\*?\s*plotly\.js v[0-9]")      # the bundle's licence header
GZIP_BASE64 = re.compile(r"(?<![A-Za-z0-9+/])H4sI[A-Za-z0-9+/]{10000}")  # gzip data in base64
# Chromium's own background traffic (clock, account and component-update services; headless
# Chromium sends some despite --disable-background-networking): not the book's requests.
CHROMIUM_SERVICES = re.compile(r"^(?:accounts\.google\.com|clients\d*\.google\.com|update\.googleapis\.com"
                               r"|[\w-]+-pa\.googleapis\.com|[\w.-]*\.gvt1\.com)$")
SHARED_PLOTLY = re.compile(r'<script[^>]*\ssrc="assets/plotly-[^"/]+\.js"')


class RefusingProxy:
    """A proxy on the loopback that records the first line of every request and answers none:
    with Chromium pointed at it, any http(s) fetch fails and is seen."""

    def __init__(self):
        self.requests = []
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    self.requests.append(connection.recv(512).split(b"\r\n", 1)[0].decode("latin-1"))
                except OSError:
                    pass

    def close(self):
        self.server.close()

    def page_requests(self):
        """The recorded requests, without Chromium's own background ones."""
        def host(request):
            target = request.split(" ")[1] if " " in request else ""
            return (urlsplit(target).hostname if "://" in target else target.rsplit(":", 1)[0]) or ""
        return [r for r in self.requests if not CHROMIUM_SERVICES.match(host(r))]


class Links(HTMLParser):
    """Every URL a page refers to: (tag, attribute, url), and the table of contents' links."""

    def __init__(self):
        super().__init__()
        self.urls, self.toc = [], []
        self._in_toc = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and "book-toc" in (attrs.get("class") or ""):
            self._in_toc = True
        for name in ("href", "src"):
            if attrs.get(name):
                self.urls.append((tag, name, attrs[name]))
                if self._in_toc and tag == "a":
                    self.toc.append(attrs[name])

    def handle_endtag(self, tag):
        if tag == "ol":
            self._in_toc = False


class Figures(HTMLParser):
    """For each figure div (class neuralode-plot): its plotly main-svg count and whether it shows
    the 'plot not drawn' message."""

    def __init__(self):
        super().__init__()
        self.figures, self._stack = [], []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        index = None
        if tag == "div" and "neuralode-plot" in classes:
            self.figures.append({"main_svg": 0, "message": False})
            index = len(self.figures) - 1
        owner = next((i for _, i in reversed(self._stack) if i is not None), index)
        if owner is not None:
            self.figures[owner]["main_svg"] += "main-svg" in classes
            self.figures[owner]["message"] |= "neuralode-message" in classes
        if tag not in {"br", "img", "input", "link", "meta", "hr", "col", "source", "wbr", "area", "base"}:
            self._stack.append((tag, index))

    def handle_endtag(self, tag):
        if any(t == tag for t, _ in self._stack):
            while self._stack and self._stack.pop()[0] != tag:
                pass


def parse(parser, text):
    parser.feed(text)
    return parser


def local_target(book, page, url):
    """The file a relative URL of page points to, or None for in-page anchors and links out."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("#") or url.startswith("//"):
        return None
    return (page.parent / unquote(parts.path)).resolve()


class BookTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="book-test-"))
        made = cls.tmp / "made"
        result = subprocess.run([str(BOOK_SH), "--out", str(made), "--from-executed", str(kh.EXECUTED)],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1800)
        cls.log = result.stdout
        cls.returncode = result.returncode
        # The teacher's USB stick on another computer: another folder, nothing else comes along.
        cls.book = cls.tmp / "usb" / "neuralode-book"
        if result.returncode == 0:
            cls.book.parent.mkdir()
            shutil.move(str(made), str(cls.book))
        cls.notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
        cls.proxy = RefusingProxy()

    @classmethod
    def tearDownClass(cls):
        cls.proxy.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.assertEqual(0, self.returncode, f"scripts/book.sh failed:\n{self.log[-6000:]}")

    def pages(self):
        return [self.book / (nb.stem + ".html") for nb in self.notebooks]

    def test_index_links_every_notebook_in_order(self):
        index = self.book / "index.html"
        self.assertTrue(index.is_file(), "no index.html")
        toc = parse(Links(), index.read_text(encoding="utf-8")).toc
        self.assertEqual([p.name for p in self.pages()], toc)
        for page in self.pages():
            self.assertTrue(page.is_file(), f"{page.name} is missing")

    def test_plotly_js_is_in_the_book_once(self):
        files = [f for f in self.book.rglob("*") if f.is_file() and f.suffix in (".html", ".js")]
        copies = {f.relative_to(self.book).as_posix(): len(PLOTLY_HEADER.findall(f.read_text(encoding="utf-8", errors="replace")))
                  for f in files}
        copies = {name: n for name, n in copies.items() if n}
        self.assertEqual(1, sum(copies.values()), f"plotly.js copies in the book: {copies}")
        [shared] = copies
        self.assertRegex(shared, r"^assets/plotly-[^/]+\.js$")
        for page in self.pages():
            with self.subTest(page=page.name):
                text = page.read_text(encoding="utf-8")
                self.assertIsNone(GZIP_BASE64.search(text), "the page still carries a compressed payload")
                self.assertNotIn("DecompressionStream", text, "the page still carries the plotly.js loader")
                loads = SHARED_PLOTLY.findall(text)
                if 'class="neuralode-plot"' in text:
                    self.assertEqual([f'<script type="text/javascript" src="{shared}"'], loads,
                                     "a page with figures loads the shared plotly.js once")
                else:
                    self.assertEqual([], loads, "a page without figures needs no plotly.js")
                # A page that held plotly.js itself weighs over 3 MB (the gzip+base64 copy alone).
                self.assertLess(page.stat().st_size, 3_000_000, "page size")
        size = sum(f.stat().st_size for f in self.book.rglob("*") if f.is_file())
        plotly = (self.book / shared).stat().st_size
        kh.metric("HTML book size (plotly.js shared)",
                  f"{size / 1e6:.1f} MB, of which {shared} {plotly / 1e6:.1f} MB")
        # When each page carried its own 3.2 MB copy, 7 pages made a 33 MB book.
        self.assertLess(size, 25e6, "book size")

    def test_every_link_and_script_resolves_inside_the_book(self):
        book = self.book.resolve()
        for page in [self.book / "index.html", *self.pages()]:
            with self.subTest(page=page.name):
                text = page.read_text(encoding="utf-8")
                self.assertNotIn("file://", text, "a page refers to a file outside the book")
                links = parse(Links(), text)
                for tag, attribute, url in links.urls:
                    target = local_target(self.book, page, url)
                    if target is None:
                        # Only plain links may leave the book; nothing that renders the page.
                        scheme = urlsplit(url).scheme.lower()
                        self.assertFalse(tag in ("script", "link", "img", "iframe", "source", "embed")
                                         and scheme not in ("", "data", "blob"),
                                         f"<{tag} {attribute}={url[:120]}> needs the network")
                        continue
                    self.assertTrue(target.is_file(), f"<{tag} {attribute}={url[:120]}> does not resolve")
                    self.assertTrue(book in target.parents, f"{url} points outside the book")
                self.assertIsNone(re.search(r"""url\(\s*['"]?https?:|@import\s+['"]?https?:""", text),
                                  "a style sheet loads from the network")
                if page.name != "index.html":
                    hrefs = [u for t, _, u in links.urls if t == "a"]
                    self.assertIn("index.html", hrefs, "no link back to the contents")
                    position = self.pages().index(page)
                    if position + 1 < len(self.pages()):
                        self.assertIn(self.pages()[position + 1].name, hrefs, "no link to the next notebook")

    def test_every_plot_draws_offline(self):
        if not Path(CHROMIUM).exists():
            kh.cannot_run(self, f"Chromium not found at {CHROMIUM} (scripts/setup.sh --for-tests installs it)")
        dom, console = self.open(self.book / "index.html", "index")
        self.assertIn("book-toc", dom, "the index did not load")
        total = 0
        for notebook, page in zip(self.notebooks, self.pages()):
            with self.subTest(page=page.name):
                expected = page.read_text(encoding="utf-8").count('class="neuralode-plot"')
                dom, console = self.open(page, page.stem)
                figures = parse(Figures(), dom).figures
                self.assertEqual(expected, len(figures), "figure divs in the rendered page")
                self.assertGreaterEqual(dom.count('class="main-svg"'), len(figures), "plotly main-svg elements")
                for number, figure in enumerate(figures):
                    self.assertFalse(figure["message"], f"figure {number} says the plot was not drawn")
                    self.assertGreaterEqual(figure["main_svg"], 1, f"figure {number} holds no plotly plot")
                self.assertNotIn("File failed to load", dom, "MathJax could not load one of its files")
                self.assertNotIn("Math Processing Error", dom)
                if "$" in "".join(c.source for c in parse_notebook(notebook).cells if c.cell_type == "markdown"):
                    self.assertIn("mjx-chtml", dom, "the markdown's math was not typeset")
                self.assertEqual([], [line for line in console if "Uncaught" in line], "script errors")
                total += len(figures)
        self.assertEqual([], self.proxy.page_requests(), "the book asked the network for something")
        size = sum(f.stat().st_size for f in self.book.rglob("*") if f.is_file())
        kh.metric("HTML book (scripts/book.sh)", f"{len(self.pages())} pages, {total} figures, {size / 1e6:.1f} MB")

    def open(self, page, name):
        profile = self.tmp / f"profile-{name}"
        result = subprocess.run(
            [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
             f"--proxy-server=http://127.0.0.1:{self.proxy.port}", "--proxy-bypass-list=<-loopback>",
             "--virtual-time-budget=15000", page.as_uri()],
            capture_output=True, text=True, timeout=180)
        shutil.rmtree(profile, ignore_errors=True)
        return result.stdout, [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def parse_notebook(path):
    import nbformat
    return nbformat.read(path, as_version=4)


if __name__ == "__main__":
    unittest.main()
