"""Executes every notebooks/*.ipynb headless with our kernel (nbclient), as a student would run
it top to bottom. Any cell error fails the test, naming notebook and cell; cells tagged
`raises-exception` may fail on purpose. The executed notebooks are saved to build/executed/
(for the browser and book tests, which reuse them without executing them again).

Exercise checks (org.neuralode.course.Exercise) print one line each: "✓ name: right.",
"✗ name: not yet. hint" or "… name: not attempted yet ...". In the student notebooks the stubs
must give "…", never "✗" (a stub that a check calls wrong would send students chasing a bug that
is not theirs). Every notebooks/solutions/*.ipynb is executed once too (into
build/executed/solutions/, which the browser and book tests do not read) and every check there
must say "✓": each solution is proven to pass its check.
"""
import os
import re
import time
import unittest

import kernel_helpers as kh

CELL_TIMEOUT = 600  # seconds; training cells may be slow on a small CI machine


SOLUTIONS = kh.ROOT / "notebooks" / "solutions"
EXECUTED_SOLUTIONS = kh.EXECUTED / "solutions"
VERDICT = re.compile(r"^(✓|✗|…) (.+?):", re.MULTILINE)


def _notebooks():
    return sorted((kh.ROOT / "notebooks").glob("*.ipynb"))


def _solutions():
    return sorted(SOLUTIONS.glob("*.ipynb"))


def _execute(path, out_dir, metric_name):
    """Executes one notebook, saves it to out_dir and returns (notebook, seconds, error or None)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name=kh.KERNEL_NAME,
                            startup_timeout=120, allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.monotonic()
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = e
    finally:
        elapsed = time.monotonic() - start
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_dir / path.name)
    kh.metric(metric_name, f"{elapsed:.1f} s")
    return nb, elapsed, error


# Notebooks run two at a time (one kernel per core of our 2-core machines); each still owns its
# kernel. NEURALODE_NOTEBOOK_WORKERS=1 runs them one after another.
WORKERS = max(1, int(os.environ.get("NEURALODE_NOTEBOOK_WORKERS", "2")))


def _execute_all(paths, out_dir, label):
    """Executes every path (WORKERS at a time); returns [(path, notebook, seconds, error)] in order."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        runs = [pool.submit(_execute, path, out_dir, f"{label} {path.name}") for path in paths]
        return [(path, *run.result()) for path, run in zip(paths, runs)]


def verdicts(nb):
    """(cell index, mark, exercise name) of every check line the notebook printed."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                text = output.get("text", "")
                text = text if isinstance(text, str) else "".join(text)
                found += [(index, m.group(1), m.group(2)) for m in VERDICT.finditer(text)]
    return found


def check_cells(nb):
    """Indices of the code cells that call an Exercise check."""
    return [i for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and re.search(r"\bExercise\.(check|close)\(", c.source)]


class NotebookExecutionTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        kh.use_built_kernelspec()
        kh.EXECUTED.mkdir(parents=True, exist_ok=True)
        cls.total = 0.0

    @classmethod
    def tearDownClass(cls):
        kh.metric(f"notebook suite (all notebooks and solutions, nbclient, {WORKERS} at a time; sum of their times)", f"{cls.total:.1f} s")

    def test_every_notebook_runs_without_errors(self):
        notebooks = _notebooks()
        self.assertTrue(notebooks, "no notebooks in notebooks/")
        for path, nb, elapsed, error in _execute_all(notebooks, kh.EXECUTED, "notebook"):
            with self.subTest(notebook=path.name):
                type(self).total += elapsed
                if error is not None:
                    index = _failing_cell(nb)
                    self.fail(f"{path.name}, cell {index}: {_summary(error)}")
                found = verdicts(nb)
                wrong = [(i, name) for i, mark, name in found if mark == "✗"]
                self.assertEqual([], wrong, f"{path.name}: a stub's check says ✗ (cell, exercise)")
                silent = set(check_cells(nb)) - {i for i, _, _ in found}
                self.assertEqual(set(), silent, f"{path.name}: check cells that printed no verdict")

    def test_every_solution_passes_its_checks(self):
        solutions = _solutions()
        if not solutions:
            self.skipTest("no notebooks/solutions/*.ipynb")
        for path, nb, elapsed, error in _execute_all(solutions, EXECUTED_SOLUTIONS, "solution"):
            with self.subTest(solution=path.name):
                self.assertTrue((kh.ROOT / "notebooks" / path.name).is_file(),
                                f"solutions/{path.name} has no student notebook of the same name")
                type(self).total += elapsed
                if error is not None:
                    self.fail(f"solutions/{path.name}, cell {_failing_cell(nb)}: {_summary(error)}")
                found = verdicts(nb)
                self.assertTrue(found, f"solutions/{path.name}: no exercise check ran")
                not_right = [(i, mark, name) for i, mark, name in found if mark != "✓"]
                self.assertEqual([], not_right, f"solutions/{path.name}: checks that did not say ✓")
                silent = set(check_cells(nb)) - {i for i, _, _ in found}
                self.assertEqual(set(), silent, f"solutions/{path.name}: check cells that printed no verdict")

    def test_tour_notebook_outputs(self):
        """The tour's outputs are what the kernel promises: a table, a plot (in the same bundle as the
        library's figures), an error on purpose."""
        import nbformat
        path = kh.EXECUTED / "00-kernel-tour.ipynb"
        if not path.exists():
            self.skipTest("tour notebook not executed yet")
        nb = nbformat.read(path, as_version=4)
        mimes = [set(o.get("data", {})) for c in nb.cells if c.cell_type == "code"
                 for o in c.get("outputs", [])]
        self.assertTrue(any("text/html" in m and "neuralode-table" in str(o) for m, o in
                            zip(mimes, [o for c in nb.cells if c.cell_type == "code"
                                        for o in c.get("outputs", [])])), "no HTML table")
        # the tablesaw LinePlot goes out in our figures' bundle: plotly JSON (survives an untrusted
        # reopen in JupyterLab and Notebook 7), the PNG (GitHub, nbviewer) and the HTML that draws it
        plots = [o for c in nb.cells if c.cell_type == "code" and "LinePlot.create" in c.source
                 for o in c.get("outputs", []) if o.get("output_type") in ("execute_result", "display_data")]
        self.assertEqual(1, len(plots), "the tour's tablesaw figure")
        data = plots[0]["data"]
        self.assertEqual({kh.PLOTLY_MIME, "text/html", "image/png", "text/plain"}, set(data))
        self.assertEqual("scatter", data[kh.PLOTLY_MIME]["data"][0]["type"])
        self.assertEqual(6, len(data[kh.PLOTLY_MIME]["data"][0]["y"]), "the table's six points")
        self.assertIn(data["image/png"], data["text/html"], "the HTML shows the same PNG until it draws")
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                  if o.output_type == "error"]
        self.assertEqual(1, len(errors))
        self.assertEqual("java.lang.NumberFormatException", errors[0].ename)


class CommittedNotebookTest(unittest.TestCase):
    """The notebooks as committed: no outputs (README: "committed without outputs"), every check
    cell folded and tagged `check` (README: check cells are folded in JupyterLab and Notebook 7),
    and every exercise notebook paired with a solution."""

    def test_committed_without_outputs_and_with_folded_checks(self):
        import nbformat
        paths = _notebooks() + _solutions()
        self.assertTrue(paths)
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            with self.subTest(notebook=str(path.relative_to(kh.ROOT))):
                dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                         and (c.get("outputs") or c.get("execution_count") is not None)]
                self.assertEqual([], dirty, "code cells with outputs or an execution count")
                unfolded = [i for i in check_cells(nb)
                            if not nb.cells[i].metadata.get("jupyter", {}).get("source_hidden")
                            or "check" not in nb.cells[i].metadata.get("tags", [])]
                self.assertEqual([], unfolded, "check cells that are not folded and tagged `check`")
        with_checks = [p.name for p in _notebooks() if check_cells(nbformat.read(p, as_version=4))]
        self.assertEqual(with_checks, [p.name for p in _solutions()],
                         "every notebook with exercises has its solution, and no other")

    def test_every_notebook_opens_with_its_box_and_01_holds_the_notation_card(self):
        """README, For teachers: each notebook opens with a box (what students will learn, what
        they need first, how long it takes); the notation card is in notebook 01."""
        import nbformat
        for path in _notebooks():
            nb = nbformat.read(path, as_version=4)
            with self.subTest(notebook=path.name):
                opening = [c.source for c in nb.cells[:4] if c.cell_type == "markdown"]
                self.assertTrue(any(all(word in text for word in ("What you will learn", "Prerequisites", "Time"))
                                    for text in opening), "no box with what you will learn, prerequisites, time")
        card = nbformat.read(kh.ROOT / "notebooks" / "01-differential-equations.ipynb", as_version=4)
        self.assertTrue(any(c.cell_type == "markdown" and c.source.startswith("## Notation") for c in card.cells))


def _failing_cell(nb):
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and "raises-exception" not in cell.metadata.get("tags", []):
                return index
    return "?"


def _summary(error):
    text = str(error)
    return text if len(text) < 3000 else text[:3000] + " ..."


if __name__ == "__main__":
    unittest.main()
