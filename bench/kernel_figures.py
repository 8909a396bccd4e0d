#!/usr/bin/env python3
"""Prints the kernel's figures on one JDK (the built kernelspec's java, or --java PATH), one line
each, as `kernel: java=N figure=NAME value=V unit=U`:

  cold start to kernel_info_reply; JShell ready (first cell's round trip); trivial cell round trip
  (median of 40); stop of while(true){} and of Thread.sleep; stop of a long library solve; a
  runaway cell stopped by the heap guard; %maven against a repository that accepts connections
  and never answers (time to its error with the default timeout, stop latency); resident memory
  after notebook 05 ran top to bottom; long cells (issue 27): a 500-line cell of statements and a
  200-line cell of declarations, compiled and run; the stop button while a 1500-line cell
  compiles; is_complete of 5000 lines; cells of 100 and 400 declarations, each in a fresh session.

Run after scripts/setup.sh:  bench/kernel.sh [--java /path/to/bin/java] [--repeat N] [--long-cells-only]
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import kernel_helpers as kh  # noqa: E402


def rss_mb(km):
    with open(f"/proc/{km.provisioner.process.pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def stop_latency(km, kc, code, wait=1.0):
    msg_id = kc.execute(code)
    time.sleep(wait)
    start = time.monotonic()
    km.interrupt_kernel()
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            return (time.monotonic() - start) * 1000, reply["content"].get("ename")


def long_cells(say):
    """Cells of hundreds or thousands of lines (issue 27), in one fresh kernel."""
    km, kc, _ = kh.start_kernel()
    try:
        kh.run(kc, "int x = 0;")
        t = time.monotonic()
        reply, _ = kh.run(kc, "x += 1;\n" * 500 + "x", timeout=600)
        say("cell_500_statements", f"{time.monotonic() - t:.1f}", f"s ({reply['status']})")
        t = time.monotonic()
        reply, _ = kh.run(kc, "".join(f"int a{i} = {i};\n" for i in range(1, 201)), timeout=600)
        say("cell_200_declarations", f"{time.monotonic() - t:.1f}", f"s ({reply['status']})")
        ms, ename = stop_latency(km, kc, "".join(f"int b{i} = {i};\n" for i in range(1, 1501)), wait=3.0)
        say("stop_while_1500_lines_compile", f"{ms:.0f}", f"ms ({ename})")
        t = time.monotonic()
        msg_id = kc.is_complete("x += 1;\n" * 5000)
        while (reply := kc.get_shell_msg(timeout=600))["parent_header"].get("msg_id") != msg_id:
            pass
        status = reply["content"]["status"]
        say("is_complete_5000_lines", f"{(time.monotonic() - t) * 1000:.0f}", f"ms ({status})")
    finally:
        kh.stop_kernel(km, kc)
    for n in (100, 400):
        # how a cell of declarations grows with its length, each in a fresh session
        km, kc, _ = kh.start_kernel()
        try:
            kh.run(kc, "1 + 1")
            t = time.monotonic()
            reply, _ = kh.run(kc, "".join(f"int d{i} = {i};\n" for i in range(n)), timeout=900)
            say(f"cell_{n}_declarations_fresh_session", f"{time.monotonic() - t:.1f}", f"s ({reply['status']})")
        finally:
            kh.stop_kernel(km, kc)

def maven_figures(say):
    """%maven against local servers that accept and never answer (the tests' SilentRepository)."""
    from test_kernel_maven_and_threads import SilentRepository
    km, kc, _ = kh.start_kernel()
    silent, stopped = SilentRepository(), SilentRepository()
    try:
        kh.run(kc, "1 + 1")  # JShell started: its start-up would compete with Maven's for the processors
        t = time.monotonic()
        reply, _ = kh.run(kc, f"%maven --repository {silent.url} org.example.none:nothing:1.0", timeout=300)
        say("maven_silent_repository_error_after", f"{time.monotonic() - t:.1f}", f"s ({reply.get('ename')})")
        msg_id = kc.execute(f"%maven --repository {stopped.url} org.example.none:nothing:1.0")
        stopped.wait_for_a_connection()
        time.sleep(0.5)
        start = time.monotonic()
        km.interrupt_kernel()
        while True:
            reply = kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        say("stop_maven_silent_repository", f"{(time.monotonic() - start) * 1000:.0f}",
            f"ms ({reply['content'].get('ename')})")
    finally:
        silent.close()
        stopped.close()
        kh.stop_kernel(km, kc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--java", help="run the kernel on this java (default: the built kernelspec's)")
    parser.add_argument("--repeat", type=int, default=3, help="cold starts to take the median of")
    parser.add_argument("--long-cells-only", action="store_true", help="only the long cells' figures")
    args = parser.parse_args()
    if args.java:
        os.environ["NEURALODE_TEST_JAVA"] = args.java
    java = args.java or next(a for a in __import__("json").loads((kh.BUILT_SPEC / "kernel.json").read_text())["argv"]
                             if a.endswith("/bin/java"))
    feature = kh.java_version(java)

    def say(name, value, unit):
        print(f"kernel: java={feature} figure={name} value={value} unit={unit}", flush=True)

    long_cells(say)
    if args.long_cells_only:
        return

    starts, ready = [], []
    for _ in range(args.repeat):
        km, kc, elapsed = kh.start_kernel()
        starts.append(elapsed)
        t = time.monotonic()
        kh.run(kc, "1 + 1")
        ready.append(time.monotonic() - t)
        kh.stop_kernel(km, kc)
    say("cold_start_to_kernel_info", f"{statistics.median(starts) * 1000:.0f}", "ms")
    say("first_cell_round_trip", f"{statistics.median(ready) * 1000:.0f}", "ms")

    km, kc, _ = kh.start_kernel()
    try:
        kh.run(kc, "1 + 1")
        trips = []
        for _ in range(40):
            t = time.monotonic()
            kh.run(kc, "1 + 1")
            trips.append(time.monotonic() - t)
        say("trivial_cell_round_trip_median", f"{statistics.median(trips) * 1000:.0f}", "ms")
        for name, code in (("stop_busy_loop", "while (true) { }"),
                           ("stop_sleep", "Thread.sleep(60_000);"),
                           ("stop_catch_throwable_loop", "while (true) { try { Thread.sleep(10); } catch (Throwable t) { } }"),
                           ("stop_library_solve", "Solvers.rk4(1e-6).withMaxSteps(Integer.MAX_VALUE)"
                                                  ".solve(ArenstorfOrbit.vectorField(), ArenstorfOrbit.start(), new double[] {0, 2000})")):
            ms, ename = stop_latency(km, kc, code)
            say(name, f"{ms:.0f}", f"ms ({ename})")
        reply, _ = kh.run(kc, "System.exit(0);")
        say("system_exit_refused", reply["status"] == "error" and "not allowed" in reply.get("evalue", ""), "bool")
        kh.run(kc, "int kept = 7;")
        t = time.monotonic()
        reply, _ = kh.run(kc, "List<double[]> hog = new ArrayList<>(); while (true) hog.add(new double[100_000]);", timeout=120)
        say("runaway_cell_stopped_after", f"{time.monotonic() - t:.1f}", f"s ({reply.get('ename')})")
        reply, outputs = kh.run(kc, "kept + 1")
        kept = [c["data"]["text/plain"] for m, c in outputs if m == "execute_result"]
        say("variables_kept_after_runaway", kept == ["8"], "bool")
    finally:
        kh.stop_kernel(km, kc)

    maven_figures(say)

    import nbformat
    from nbclient import NotebookClient
    kh.use_built_kernelspec()
    nb = nbformat.read(ROOT / "notebooks" / "05-training-a-neural-ode.ipynb", as_version=4)
    client = NotebookClient(nb, kernel_name=kh.KERNEL_NAME, timeout=600,
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    t = time.monotonic()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        elapsed = time.monotonic() - t
        time.sleep(7)  # the kernel collects after 5 s idle so that the heap can shrink
        say("notebook_05_run", f"{elapsed:.1f}", "s")
        say("rss_after_notebook_05", f"{rss_mb(client.km):.0f}", "MB")


if __name__ == "__main__":
    main()
