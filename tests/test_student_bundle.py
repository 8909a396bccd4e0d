"""scripts/student-bundle.sh builds what a teacher hands out: every student notebook, without
outputs, and no solution; the full bundle also carries what is needed to build and run the
project (README, the Maven build, the kernel). No kernel is started: the test is quick.
"""
import json
import shutil
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path

import kernel_helpers as kh

SCRIPT = kh.ROOT / "scripts" / "student-bundle.sh"


def build(out, *options):
    result = subprocess.run([str(SCRIPT), "--out", str(out), *options], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"student-bundle.sh failed:\n{result.stdout}")
    return zipfile.ZipFile(out)


class StudentBundleTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if shutil.which("git") is None or not (kh.ROOT / ".git").exists():
            raise unittest.SkipTest("not a git checkout")
        cls.tmp = Path(tempfile.mkdtemp(prefix="student-bundle-"))
        cls.full = build(cls.tmp / "full.zip")
        cls.notebooks_only = build(cls.tmp / "notebooks.zip", "--notebooks-only")
        cls.student = sorted(p.name for p in (kh.ROOT / "notebooks").glob("*.ipynb"))
        cls.solutions = sorted((kh.ROOT / "notebooks" / "solutions").glob("*.ipynb"))

    @classmethod
    def tearDownClass(cls):
        cls.full.close()
        cls.notebooks_only.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_every_student_notebook_and_no_solution(self):
        names = self.full.namelist()
        # the student notebooks, and the folder's Markdown (ACROSS-LIBRARIES.md, the appendix that maps
        # the calls to torchdiffeq, diffrax and DiffEqFlux) in the full bundle
        appendices = [p.name for p in (kh.ROOT / "notebooks").glob("*.md")]
        self.assertEqual(sorted(f"neuralode-java/notebooks/{n}" for n in self.student + appendices),
                         sorted(n for n in names if n.startswith("neuralode-java/notebooks/")))
        self.assertEqual(self.student, sorted(self.notebooks_only.namelist()))
        for bundle in (self.full, self.notebooks_only):
            self.assertFalse([n for n in bundle.namelist() if "solutions/" in n])

    def test_the_full_bundle_builds_and_runs(self):
        names = set(self.full.namelist())
        for needed in ("README.md", "pom.xml", "notebook.sh", "scripts/setup.sh", "kernel/pom.xml",
                       "library/pom.xml"):
            self.assertIn(f"neuralode-java/{needed}", names)
        mode = self.full.getinfo("neuralode-java/notebook.sh").external_attr >> 16
        self.assertTrue(mode & 0o100, "notebook.sh lost its executable bit")

    def test_notebooks_are_stripped_and_hold_the_stubs_not_the_solutions(self):
        for name in self.student:
            nb = json.loads(self.notebooks_only.read(name))
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            self.assertTrue(code, name)
            self.assertTrue(all(c["outputs"] == [] and c["execution_count"] is None for c in code),
                            f"{name} carries outputs")
        for solution in self.solutions:
            with self.subTest(solution=solution.name):
                handed_out = json.loads(self.notebooks_only.read(solution.name))
                answers = [c for c in json.loads(solution.read_text(encoding="utf-8"))["cells"]
                           if "exercise" in c.get("metadata", {}).get("tags", [])]
                stubs = [c for c in handed_out["cells"] if "exercise" in c.get("metadata", {}).get("tags", [])]
                self.assertEqual(len(answers), len(stubs), "exercise cells differ in number")
                for stub, answer in zip(stubs, answers):
                    self.assertIn("YOUR CODE HERE", "".join(stub["source"]))
                    self.assertNotEqual("".join(stub["source"]), "".join(answer["source"]))


if __name__ == "__main__":
    unittest.main()
