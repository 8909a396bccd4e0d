"""Shared helpers for the kernel and notebook tests (run by .venv/bin/python tests/run_tests.py).

The tests use the kernelspec that the build leaves in kernel/target/kernelspec, through a
JUPYTER_PATH folder under build/, so they test this checkout's kernel whatever is installed.
Figures measured by the tests (start-up, round trip, notebook times) are collected in METRICS
and printed by run_tests.py at the end of the run.
"""
import os
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL_NAME = "neuralode-java"
BUILT_SPEC = ROOT / "kernel" / "target" / "kernelspec" / KERNEL_NAME
BUILD = ROOT / "build"
EXECUTED = BUILD / "executed"          # executed notebooks, for the browser test
JUPYTER_PATH_DIR = BUILD / "jupyter-path"

METRICS = []


def metric(name, value):
    """Records a figure for the summary that run_tests.py prints."""
    METRICS.append((name, value))


def use_built_kernelspec():
    """Makes jupyter_client find this checkout's kernel first; call before starting kernels."""
    if not (BUILT_SPEC / "kernel.json").is_file():
        raise RuntimeError(f"no kernelspec at {BUILT_SPEC}: run scripts/setup.sh first")
    target = JUPYTER_PATH_DIR / "kernels" / KERNEL_NAME
    target.mkdir(parents=True, exist_ok=True)
    for item in BUILT_SPEC.iterdir():
        if item.is_file():
            shutil.copy2(item, target / item.name)
    paths = [str(JUPYTER_PATH_DIR)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


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
