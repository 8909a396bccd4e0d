"""Binder's configuration (binder/) checked without Docker.

1. The files' form: postBuild and start (if any) are bash scripts with `set -e` and the run bit;
   every package in apt.txt exists in this machine's Debian/Ubuntu archive (`apt-cache show`).
2. A simulation of what repo2docker does with them: a fresh unprivileged user with an empty
   home gets a copy of the repository (the files git tracks or would track), Python's
   environment is a fresh virtualenv of its own (no system site packages; its sys.prefix belongs
   to the user, as repo2docker's conda environment does) into which pip installs
   binder/requirements.txt, apt.txt's packages are installed if missing, postBuild runs as that
   user, and then a notebook is executed with the kernel postBuild installed into that
   environment, and plotly's JupyterLab extension is there to draw its figures.

The simulation needs root (useradd, runuser, apt-get). Where something cannot run, the tests
skip on a developer machine and fail in CI (CI=true). Run with .venv/bin/python.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import kernel_helpers as kh

ROOT = kh.ROOT
BINDER = ROOT / "binder"
SIM_USER = "neuralode-binder"
POSTBUILD_TIMEOUT = 900      # seconds; the first Maven build downloads every dependency
NOTEBOOK_TIMEOUT = 600


def apt_packages():
    """apt.txt's package names (repo2docker ignores what follows a #)."""
    names = []
    for line in (BINDER / "apt.txt").read_text(encoding="utf-8").splitlines():
        name = line.partition("#")[0].strip()
        if name:
            names.append(name)
    return names


def pins(path):
    """{name: version} of a requirements file's `name==version` lines."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.-]+)==([^\s#;]+)", line)
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def notebook_to_run():
    """The notebook the Binder link opens, or the kernel tour until that one exists."""
    first = ROOT / "notebooks" / "01-differential-equations.ipynb"
    return first if first.exists() else ROOT / "notebooks" / "00-kernel-tour.ipynb"


class BinderFilesTest(unittest.TestCase):

    def check_script(self, path):
        self.assertTrue(path.is_file(), f"{path} is missing")
        text = path.read_text(encoding="utf-8")
        self.assertEqual("#!/bin/bash", text.splitlines()[0].strip(), f"{path.name}: first line")
        self.assertRegex(text, r"(?m)^set -(e|[a-z]*e[a-z]*)( -o pipefail)?\b",
                         f"{path.name} must stop at the first failing command (set -e)")
        self.assertTrue(os.access(path, os.X_OK), f"{path.name} lacks the executable bit")
        syntax = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
        self.assertEqual(0, syntax.returncode, f"{path.name}: bash -n: {syntax.stderr}")
        return text

    def test_post_build_form(self):
        text = self.check_script(BINDER / "postBuild")
        self.assertIn("set -euo pipefail", text)
        self.assertRegex(text, r"scripts/setup\.sh\b[^\n]*--sys-prefix",
                         "postBuild installs the kernelspec into the image's environment")
        self.assertNotRegex(text, r"\bsudo\b", "postBuild runs as the notebook user, without sudo")

    def test_start_form_if_present(self):
        start = BINDER / "start"
        if not start.exists():
            return
        text = self.check_script(start)
        last = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")][-1]
        self.assertEqual('exec "$@"', last, "binder/start must end with exec \"$@\"")

    def test_requirements_bring_the_front_ends_and_plotly(self):
        binder = pins(BINDER / "requirements.txt")
        ours = pins(ROOT / "scripts" / "requirements.txt")
        for name in ("jupyterlab", "notebook", "plotly"):
            self.assertIn(name, binder, f"binder/requirements.txt does not pin {name}")
            self.assertEqual(ours.get(name), binder[name], f"{name}: Binder and scripts/requirements.txt differ")

    def test_apt_txt_names_exist(self):
        names = apt_packages()
        self.assertTrue(any(re.fullmatch(r"openjdk-17-jdk(-headless)?", n) for n in names), f"no JDK 17 in {names}")
        self.assertIn("maven", names)
        for name in names:
            self.assertRegex(name, r"^[a-z0-9][a-z0-9.+-]+$", f"apt.txt: {name!r} is not a package name")
        if shutil.which("apt-cache") is None:
            kh.cannot_run(self, "apt-cache not found: cannot check apt.txt's package names")
        for name in names:
            with self.subTest(package=name):
                shown = subprocess.run(["apt-cache", "show", name], capture_output=True, text=True)
                self.assertEqual(0, shown.returncode, f"apt-cache show {name}: {shown.stderr.strip()}")
                self.assertIn(f"Package: {name}", shown.stdout)


class PostBuildSimulationTest(unittest.TestCase):
    """postBuild as repo2docker runs it, then a notebook with the kernel it installed."""

    def setUp(self):
        if os.geteuid() != 0:
            kh.cannot_run(self, "the postBuild simulation needs root (useradd, runuser)")
        for tool in ("useradd", "usermod", "runuser", "git", "apt-get", "dpkg-query"):
            if shutil.which(tool) is None:
                kh.cannot_run(self, f"{tool} not found: cannot simulate postBuild")
        if subprocess.run(["/usr/bin/python3", "-c", "import venv, ensurepip"],
                          capture_output=True).returncode != 0:
            kh.cannot_run(self, "/usr/bin/python3 lacks venv/ensurepip (apt-get install python3-venv)")
        self.work = Path(tempfile.mkdtemp(prefix="binder-sim-"))
        self.addCleanup(shutil.rmtree, self.work, True)

    def test_post_build_then_a_notebook_runs(self):
        start = time.monotonic()
        self.install_apt_packages()
        self.make_user()
        home, repo, env = self.work / "home", self.work / "repo", self.work / "env"
        home.mkdir()
        self.copy_repository(repo)
        subprocess.run(["chown", "-R", f"{SIM_USER}:{SIM_USER}", str(self.work)], check=True)
        # The user's home is the fresh folder (Java and Maven read it from the passwd entry).
        subprocess.run(["usermod", "-d", str(home), SIM_USER], check=True)
        self.addCleanup(subprocess.run, ["usermod", "-d", "/nonexistent", SIM_USER], capture_output=True)

        # pip as configured for whoever runs the tests (its index may be set in their own
        # ~/.config/pip), handed to the simulated user, as repo2docker's pip has its own settings.
        extra = {"PIP_CONFIG_FILE": str(self.pip_settings())}
        built = self.as_user(
            f"/usr/bin/python3 -m venv {env} && cd {repo} && "
            f"{env}/bin/python -m pip install -q --disable-pip-version-check -r binder/requirements.txt && "
            f"export NB_PYTHON_PREFIX={env} PATH={env}/bin:$PATH && binder/postBuild",
            home, env, POSTBUILD_TIMEOUT, extra=extra)
        post_build_seconds = time.monotonic() - start
        self.assertEqual(0, built.returncode, f"postBuild failed:\n{built.stdout[-6000:]}")

        spec = env / "share" / "jupyter" / "kernels" / kh.KERNEL_NAME / "kernel.json"
        self.assertTrue(spec.is_file(), f"postBuild installed no kernelspec in the environment ({spec})")
        argv = json.loads(spec.read_text())["argv"]
        classpath = argv[argv.index("-cp") + 1]
        self.assertIn(str(repo / "kernel" / "target"), classpath)
        self.assertNotIn(".m2", classpath)
        for entry in classpath.split(os.pathsep):
            folder = Path(entry[:-2]) if entry.endswith("/*") else Path(entry)
            self.assertTrue(folder.exists(), f"kernel classpath entry {entry} does not exist")
        self.assertTrue(Path(argv[0]).is_file(), f"kernel's java {argv[0]}")
        self.assertFalse((home / ".m2" / "repository").exists(), "Maven's repository was not removed")
        extension = list((env / "share" / "jupyter" / "labextensions" / "jupyterlab-plotly").glob("package.json"))
        self.assertTrue(extension, "binder/requirements.txt brought no plotly JupyterLab extension")

        notebook = notebook_to_run()
        executed = self.work / "executed.ipynb"
        ran = self.as_user(
            f"{env}/bin/python - <<'EOF'\n{RUN_NOTEBOOK}\nEOF",
            home, env, NOTEBOOK_TIMEOUT,
            extra={"NOTEBOOK": str(repo / "notebooks" / notebook.name), "OUT": str(executed)})
        self.assertEqual(0, ran.returncode, f"{notebook.name} did not run:\n{ran.stdout[-6000:]}")
        self.assertIn(f"kernel {spec.parent}", ran.stdout, "the notebook did not use the installed kernel")

        import nbformat
        nb = nbformat.read(executed, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
        self.assertTrue(code)
        for index, cell in enumerate(code):
            self.assertIsNotNone(cell.execution_count, f"{notebook.name}: code cell {index} did not run")
            if "raises-exception" not in cell.metadata.get("tags", []):
                errors = [o for o in cell.outputs if o.output_type == "error"]
                self.assertEqual([], errors, f"{notebook.name}: code cell {index} failed")
        self.assertTrue(any(c.outputs for c in code), f"{notebook.name}: no output at all")
        kh.metric("Binder postBuild simulation (fresh ~/.m2, Maven build, kernelspec)", f"{post_build_seconds:.0f} s")
        kh.metric(f"Binder simulation: {notebook.name} with the installed kernel",
                  f"{time.monotonic() - start - post_build_seconds:.0f} s")

    # --- helpers -----------------------------------------------------------------------------

    def pip_settings(self):
        """The effective pip configuration of this Python, as a file the simulated user can read."""
        listed = subprocess.run([sys.executable, "-m", "pip", "config", "list"],
                                capture_output=True, text=True).stdout
        lines = ["[global]"]
        for line in listed.splitlines():
            match = re.match(r"^(?:global|install)\.([\w-]+)='(.*)'$", line)
            if match:
                lines.append(f"{match.group(1)} = {match.group(2)}")
        path = self.work / "pip.conf"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def install_apt_packages(self):
        missing = [name for name in apt_packages()
                   if "install ok installed" not in subprocess.run(
                       ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True).stdout]
        if missing:
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True)
            result = subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
                                    env=env, capture_output=True, text=True)
            self.assertEqual(0, result.returncode, f"apt-get install {missing}: {result.stderr[-2000:]}")

    def make_user(self):
        """An unprivileged user made once and reused (its home is reset for every run)."""
        if subprocess.run(["id", "-u", SIM_USER], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--no-create-home", "--user-group", "--shell", "/bin/bash", SIM_USER],
                           check=True, capture_output=True)
        uid = int(subprocess.run(["id", "-u", SIM_USER], capture_output=True, text=True, check=True).stdout)
        self.assertNotEqual(0, uid)

    def copy_repository(self, target):
        """What a clone of this working tree would hold: tracked files and new, not ignored ones."""
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
        for name in filter(None, listed):
            source = ROOT / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)

    def as_user(self, script, home, env, timeout, extra=None):
        """Runs a bash script as the simulated user, with a clean environment like a login."""
        environment = {"HOME": str(home), "USER": SIM_USER, "LANG": "C.UTF-8",
                       **{k: v for k, v in os.environ.items() if k.startswith("PIP_")},
                       "PATH": "/usr/local/bin:/usr/bin:/bin", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
                       **(extra or {})}
        command = ["runuser", "-u", SIM_USER, "--", "env", "-i",
                   *[f"{k}={v}" for k, v in environment.items()], "bash", "-c", script]
        try:
            return subprocess.run(command, cwd=self.work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            self.fail(f"timed out after {timeout} s:\n{(e.stdout or b'')[-4000:]}")


# Runs as the simulated user with the environment's Python: finds the kernel as Jupyter would
# (no JUPYTER_PATH), executes the notebook and saves it.
RUN_NOTEBOOK = """
import os, nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
print("kernel", KernelSpecManager().find_kernel_specs()["neuralode-java"], flush=True)
path = os.environ["NOTEBOOK"]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, kernel_name="neuralode-java", timeout=600, startup_timeout=120,
               resources={"metadata": {"path": os.path.dirname(path)}}).execute()
nbformat.write(nb, os.environ["OUT"])
print("executed", path)
"""


if __name__ == "__main__":
    unittest.main()
