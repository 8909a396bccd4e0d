"""IJava's magics in our kernel: %time / %%time, %load (with extension search), %jars and
%classpath (a jar and a class folder built here), %maven (offline, from the local repository)."""
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import kernel_helpers as kh


class MagicsTest(kh.KernelSessionTest):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = Path(tempfile.mkdtemp(prefix="neuralode-magics-"))

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ok(self, code):
        reply, outputs = kh.run(self.kc, code, timeout=300)
        self.assertEqual("ok", reply["status"], reply)
        return outputs

    def result(self, outputs):
        return [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]

    def test_time_line_and_cell(self):
        outputs = self.ok("%time int timed = 6 * 7;\ntimed")
        self.assertIn("Wall time:", kh.stream_text(outputs))
        self.assertEqual(["42"], self.result(outputs))
        outputs = self.ok("%%time\nint a = 1;\na + 1")
        self.assertIn("Wall time:", kh.stream_text(outputs))
        self.assertEqual(["2"], self.result(outputs))

    def test_percent_lines_inside_java_are_java(self):
        outputs = self.ok('String apples = """\n%d apples\n""".formatted(3);\nint rest = 10\n% 3;\n%time rest\napples')
        self.assertIn("Wall time:", kh.stream_text(outputs))
        self.assertEqual(["3 apples\n"], self.result(outputs))
        self.assertEqual(["1"], self.result(self.ok("rest")))

    def test_load_tries_the_usual_extensions(self):
        (self.tmp / "helper.jsh").write_text("int loadedValue() { return 7; }\n")
        self.ok(f"%load {self.tmp / 'helper'}")
        self.assertEqual(["7"], self.result(self.ok("loadedValue()")))

    def _compile(self, name, value):
        src = self.tmp / name / "src" / "demo"
        src.mkdir(parents=True)
        (src / f"{name}.java").write_text(
            f"package demo; public class {name} {{ public static int value() {{ return {value}; }} }}\n")
        classes = self.tmp / name / "classes"
        subprocess.run(["javac", "-d", str(classes), str(src / f"{name}.java")], check=True)
        return classes

    def test_jars_and_classpath(self):
        classes = self._compile("FromJar", 11)
        jar_dir = self.tmp / "jars"
        jar_dir.mkdir()
        subprocess.run(["jar", "cf", str(jar_dir / "from-jar.jar"), "-C", str(classes), "."], check=True)
        self.ok(f"%jars {jar_dir}/*.jar")
        self.assertEqual(["11"], self.result(self.ok("demo.FromJar.value()")))
        folder = self._compile("FromFolder", 12)
        self.ok(f"%classpath {folder}")
        self.assertEqual(["12"], self.result(self.ok("demo.FromFolder.value()")))

    def test_maven_resolves_from_the_local_repository(self):
        # opentest4j is in the local repository once the JUnit tests ran (mvn verify), and is
        # not on the kernel's classpath; resolving it needs no network.
        repo = Path.home() / ".m2" / "repository" / "org" / "opentest4j" / "opentest4j"
        versions = sorted(p.name for p in repo.glob("*") if list(p.glob("*.jar")))
        if not versions:
            self.fail(f"opentest4j not in {repo}: run mvn verify first")
        reply, _ = kh.run(self.kc, "new org.opentest4j.AssertionFailedError(\"x\")")
        self.assertEqual("error", reply["status"], "opentest4j should not be on the classpath yet")
        self.ok(f"%maven org.opentest4j:opentest4j:{versions[-1]}")
        self.assertEqual(["x"], self.result(self.ok(
            "new org.opentest4j.AssertionFailedError(\"x\").getMessage()")))

    def test_bad_magics_are_clear_errors(self):
        reply, _ = kh.run(self.kc, "%nosuchmagic")
        self.assertEqual("error", reply["status"])
        self.assertIn("unknown line magic", reply["evalue"])
        reply, _ = kh.run(self.kc, "%jars /no/such/folder/*.jar")
        self.assertEqual("error", reply["status"])
        reply, _ = kh.run(self.kc, "%maven not-a-coordinate")
        self.assertEqual("error", reply["status"])
        self.assertIn("group:artifact:version", reply["evalue"])


if __name__ == "__main__":
    unittest.main()
