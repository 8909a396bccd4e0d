"""scripts/setup.sh picks the JDK and refuses, with a clear message, one that cannot run the kernel:
a Java older than 17, or a runtime without javac. (The JDKs that can, 17 and 25, are exercised by
the whole suite: test.sh's two passes.)"""
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

import kernel_helpers as kh

FAKE_JAVA = """#!/bin/sh
# a stand-in java that only answers -XshowSettings:properties -version
echo "    java.specification.version = {version}" >&2
echo "    java.home = {home}" >&2
echo "    java.runtime.version = {version}.0.1+1" >&2
"""


class SetupJavaTest(unittest.TestCase):

    def setup_with(self, version, with_javac):
        with tempfile.TemporaryDirectory() as home:
            bin_dir = Path(home) / "bin"
            bin_dir.mkdir()
            java = bin_dir / "java"
            java.write_text(FAKE_JAVA.format(version=version, home=home))
            java.chmod(0o755)
            if with_javac:
                (bin_dir / "javac").write_text("#!/bin/sh\n")
                (bin_dir / "javac").chmod(0o755)
            env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
            env["PATH"] = f"{bin_dir}:/usr/bin:/bin"
            return subprocess.run([str(kh.ROOT / "scripts" / "setup.sh"), "--no-build"], env=env,
                                  capture_output=True, text=True, timeout=60)

    def test_a_java_older_than_17_is_refused_clearly(self):
        result = self.setup_with("11", with_javac=True)
        self.assertEqual(1, result.returncode, result.stderr)
        self.assertIn("is Java 11; the kernel needs Java 17 or newer", result.stderr)

    def test_a_runtime_without_javac_is_refused_clearly(self):
        result = self.setup_with("21", with_javac=False)
        self.assertEqual(1, result.returncode, result.stderr)
        self.assertIn("without javac", result.stderr)

    def test_java_home_that_is_not_a_jdk_is_refused(self):
        env = dict(os.environ, JAVA_HOME="/nonexistent-jdk")
        result = subprocess.run([str(kh.ROOT / "scripts" / "setup.sh"), "--no-build"], env=env,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(1, result.returncode)
        self.assertIn("JAVA_HOME=/nonexistent-jdk has no bin/java", result.stderr)

    def test_the_kernelspec_names_the_java_it_runs_on(self):
        spec = (kh.BUILT_SPEC / "kernel.json").read_text()
        import json
        argv = json.loads(spec)["argv"]
        java = next(a for a in argv if a.endswith("/bin/java"))
        self.assertEqual(f"Java {kh.java_version(java)} (neural ODE)", json.loads(spec)["display_name"])
        self.assertTrue(any(a.startswith("-javaagent:") for a in argv), "the agent guards exit and stop")
        self.assertFalse(any("security.manager" in a for a in argv))
