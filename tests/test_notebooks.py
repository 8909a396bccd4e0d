"""Executes every notebooks/*.ipynb headless with our kernel (nbclient), as a student would run
it top to bottom. Any cell error fails the test, naming notebook and cell; cells tagged
`raises-exception` may fail on purpose. The executed notebooks are saved to build/executed/
(for the browser test, which exports them to HTML without executing them again).
"""
import time
import unittest

import kernel_helpers as kh

CELL_TIMEOUT = 600  # seconds; training cells may be slow on a small CI machine


def _notebooks():
    return sorted((kh.ROOT / "notebooks").glob("*.ipynb"))


class NotebookExecutionTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        kh.use_built_kernelspec()
        kh.EXECUTED.mkdir(parents=True, exist_ok=True)
        cls.total = 0.0

    @classmethod
    def tearDownClass(cls):
        kh.metric("notebook suite (all notebooks, nbclient)", f"{cls.total:.1f} s")

    def test_every_notebook_runs_without_errors(self):
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        notebooks = _notebooks()
        self.assertTrue(notebooks, "no notebooks in notebooks/")
        for path in notebooks:
            with self.subTest(notebook=path.name):
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
                    type(self).total += elapsed
                    nbformat.write(nb, kh.EXECUTED / path.name)
                kh.metric(f"notebook {path.name}", f"{elapsed:.1f} s")
                if error is not None:
                    index = _failing_cell(nb)
                    self.fail(f"{path.name}, cell {index}: {_summary(error)}")

    def test_tour_notebook_outputs(self):
        """The tour's outputs are what the kernel promises: a table, a plot, an error on purpose."""
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
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                  if o.output_type == "error"]
        self.assertEqual(1, len(errors))
        self.assertEqual("java.lang.NumberFormatException", errors[0].ename)


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
