"""Shared helpers for the kernel and notebook tests (run by .venv/bin/python tests/run_tests.py).

The tests use the kernelspec that the build leaves in kernel/target/kernelspec, through a
JUPYTER_PATH folder under build/, so they test this checkout's kernel whatever is installed.
Figures measured by the tests (start-up, round trip, notebook times) are collected in METRICS
and printed by run_tests.py at the end of the run.
"""
import json
import os
import shutil
import subprocess
import time
import unittest
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL_NAME = "neuralode-java"
BUILT_SPEC = ROOT / "kernel" / "target" / "kernelspec" / KERNEL_NAME
BUILD = ROOT / "build"
EXECUTED = BUILD / "executed"          # executed notebooks, for the browser and book tests
JUPYTER_PATH_DIR = BUILD / "jupyter-path"
IN_CI = os.environ.get("CI", "").lower() == "true"
PLOTLY_MIME = "application/vnd.plotly.v1+json"

METRICS = []


def metric(name, value):
    """Records a figure for the summary that run_tests.py prints (labelled with the second JDK's
    version in the second pass)."""
    java = test_java()
    METRICS.append((f"[Java {java_version(java)}] {name}" if java else name, value))


def cannot_run(test, message):
    """Skips the test on a developer machine; fails it in CI (CI=true), where everything must run."""
    if IN_CI:
        test.fail(message)
    test.skipTest(message)


def figure_outputs(path):
    """Figure outputs of a saved notebook, per code cell index: outputs whose bundle has plotly's
    MIME type or our figure's HTML."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    counts = {}
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            data = output.get("data", {})
            html = data.get("text/html", "")
            html = html if isinstance(html, str) else "".join(html)
            if PLOTLY_MIME in data or 'class="neuralode-plot"' in html:
                counts[index] = counts.get(index, 0) + 1
    return counts


def use_built_kernelspec():
    """Makes jupyter_client find this checkout's kernel first; call before starting kernels."""
    if not (BUILT_SPEC / "kernel.json").is_file():
        raise RuntimeError(f"no kernelspec at {BUILT_SPEC}: run scripts/setup.sh first")
    target = JUPYTER_PATH_DIR / "kernels" / KERNEL_NAME
    target.mkdir(parents=True, exist_ok=True)
    for item in BUILT_SPEC.iterdir():
        if item.is_file():
            shutil.copy2(item, target / item.name)
    java = test_java()
    if java:
        # The same build run by another JDK (test.sh's second pass, e.g. JDK 25).
        spec = json.loads((target / "kernel.json").read_text())
        spec["argv"] = [java if a.endswith("/bin/java") else a for a in spec["argv"]]
        spec["display_name"] = f"Java {java_version(java)} (neural ODE)"
        (target / "kernel.json").write_text(json.dumps(spec, indent=2))
    paths = [str(JUPYTER_PATH_DIR)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def test_java():
    """The java that runs the kernel in tests: $NEURALODE_TEST_JAVA, or None for the built spec's."""
    return os.environ.get("NEURALODE_TEST_JAVA") or None


def java_version(java):
    """The feature release of a java executable, e.g. '25'."""
    out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    for line in out.splitlines():
        if line.strip().startswith("java.specification.version ="):
            return line.split("=", 1)[1].strip()
    return "?"


def start_kernel(timeout=60):
    """Starts our kernel; returns (manager, client, seconds until kernel_info_reply)."""
    use_built_kernelspec()
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=KERNEL_NAME)
    start = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=timeout)
    elapsed = time.monotonic() - start
    return km, kc, elapsed


def stop_kernel(km, kc):
    try:
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=False)


def run(kc, code, timeout=60):
    """Executes code; returns (reply content, list of (msg_type, content) IOPub outputs)."""
    outputs = []
    reply = kc.execute_interactive(
        code, timeout=timeout,
        output_hook=lambda m: outputs.append((m["msg_type"], m["content"])))
    return reply["content"], outputs


def stream_text(outputs, name="stdout"):
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == name)


class KernelSessionTest(unittest.TestCase):
    """One kernel for the whole test class (started in setUpClass, stopped in tearDownClass; the
    seconds to kernel_info_reply in cls.startup), with the cell helpers the kernel tests share."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc, cls.startup = start_kernel()

    @classmethod
    def tearDownClass(cls):
        stop_kernel(cls.km, cls.kc)

    def run_cell(self, code, timeout=60):
        return run(self.kc, code, timeout=timeout)

    def result_text(self, code):
        """The text/plain of the one execute_result of a cell that must succeed."""
        reply, outputs = self.run_cell(code)
        self.assertEqual("ok", reply["status"], reply)
        results = [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]
        self.assertEqual(1, len(results), outputs)
        return results[0]

    def drain_until_idle(self, msg_id, timeout=30):
        """Waits for the request's idle status (queued cells are aborted before it, after the reply)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
                    and msg["parent_header"].get("msg_id") == msg_id):
                return
        self.fail("no idle status")

    def raw_socket(self, channel="shell"):
        """A DEALER socket of our own on one of the kernel's channels (for forged or raw messages)."""
        import zmq
        info = self.km.get_connection_info()
        socket = zmq.Context.instance().socket(zmq.DEALER)
        socket.linger = 0
        socket.identity = uuid.uuid4().bytes
        socket.connect(f"{info['transport']}://{info['ip']}:{info[channel + '_port']}")
        return socket
