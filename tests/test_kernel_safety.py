"""The kernel survives what a student's cell (or a hostile client) can do to it: a heap filled by a
runaway loop, System.exit, a closed System.out, threads left running, redefined classes, a cell
with a compile error after runnable lines, and replayed or misdirected protocol messages. Each
test reproduces the fault of issue 16 and checks the session lives on with its variables."""
import os
import time
import unittest

from jupyter_client.session import Session

import kernel_helpers as kh


def rss_mb(km):
    """Resident memory of the kernel process (the launch command execs java, keeping the pid)."""
    pid = km.provisioner.process.pid
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


class KernelSafetyTest(kh.KernelSessionTest):

    # ----------------------------------------------------------------- cells

    def test_system_exit_ends_the_cell_not_the_kernel(self):
        self.run_cell("int beforeExit = 5;")
        for code in ("System.exit(0);", "Runtime.getRuntime().halt(1);",
                     "new Thread(() -> System.exit(3)).start(); Thread.sleep(300);"):
            reply, _ = self.run_cell(code)
            if code.startswith("new Thread"):
                # The exit refused on the cell's own thread dies with that thread; the kernel lives.
                self.assertEqual("ok", reply["status"], reply)
            else:
                self.assertEqual("error", reply["status"], code)
                self.assertIn("not allowed in a notebook", reply["evalue"])
        self.assertEqual("6", self.result_text("beforeExit + 1"))

    def reply_to(self, msg_id, timeout):
        """The shell reply to msg_id (a reply left from an earlier request is skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            reply = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def test_interrupts_while_idle_leave_the_next_cell_alone(self):
        # Sent while idle, they may reach the kernel after the next cell starts (the control channel
        # is served apart from the shell): sent before it was requested, they are not for that cell.
        # (A session of their own: jupyter_client's manager and client number messages alike.)
        session = Session(key=self.km.session.key, signature_scheme=self.km.session.signature_scheme)
        for _ in range(20):
            session.send(self.kc.control_channel.socket, "interrupt_request", {})
        reply, outputs = self.run_cell("40 + 2")
        self.assertEqual("ok", reply["status"], reply)
        self.assertEqual("42", self.result_text("40 + 2"))

    def test_every_way_to_exit_is_refused(self):
        # The gate sits in Runtime.exit/halt itself, so no way round it reaches the exit: reflection,
        # method handles, method references, other threads, a security manager switched off.
        self.run_cell("int keep = 41;")
        feature = int(self.result_text("Runtime.version().feature()"))
        ways = ['System.class.getMethod("exit", int.class).invoke(null, 3);',
                'java.lang.invoke.MethodHandles.lookup().findStatic(System.class, "exit",'
                ' java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(5);',
                'java.util.function.IntConsumer exit = System::exit; exit.accept(6);',
                'List.of(1, 2, 3).parallelStream().forEach(System::exit);',
                'try { System.setSecurityManager(null); } catch (UnsupportedOperationException e) { }\n'
                'System.exit(7);',
                'Runtime.getRuntime().exit(8);']
        for code in ways:
            reply, _ = self.run_cell(code)
            self.assertEqual("error", reply["status"], code)
            self.assertIn("not allowed in a notebook", "\n".join(reply["traceback"]), code)
        if feature >= 21:
            reply, outputs = self.run_cell("Thread.ofVirtual().start(() -> System.exit(9)).join();")
            self.assertIn("not allowed in a notebook", kh.stream_text(outputs, "stderr"))
        self.assertEqual("42", self.result_text("keep + 1"))

    def test_stop_button_ends_a_loop_that_catches_throwable(self):
        # The student's pattern around Thread.sleep; JDK 17's Thread.stop was swallowed by it.
        self.run_cell("int turns = 0;")
        for code in ("while (true) { try { Thread.sleep(20); turns++; } catch (Throwable t) { } }",
                     "while (true) { try { turns++; } catch (Throwable t) { turns--; } }"):
            msg_id = self.kc.execute(code)
            time.sleep(1.5)
            self.km.interrupt_kernel()
            reply = self.reply_to(msg_id, timeout=15)
            self.drain_until_idle(msg_id)
            self.assertEqual("error", reply["content"]["status"], code)
            self.assertEqual("InterruptedException", reply["content"]["ename"], code)
        self.assertEqual("true", self.result_text("turns > 0"))

    def test_stop_button_ends_a_long_library_call(self):
        # The solve loop is the library's, and so is the field: only the library's own checks can end it.
        self.assertEqual("2", self.result_text("1 + 1"))  # JShell is up: the figure is the stop alone
        msg_id = self.kc.execute("Solvers.rk4(1e-6).withMaxSteps(Integer.MAX_VALUE)\n"
                                 "    .solve(ArenstorfOrbit.vectorField(), ArenstorfOrbit.start(), new double[] {0, 2000})")
        time.sleep(3)
        start = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.reply_to(msg_id, timeout=15)
        kh.metric("stop button during a library solve (2e9 RK4 steps)", f"{(time.monotonic() - start) * 1000:.0f} ms")
        self.drain_until_idle(msg_id)
        self.assertEqual("error", reply["content"]["status"])
        self.assertEqual("InterruptedException", reply["content"]["ename"])
        self.assertEqual("3", self.result_text("1 + 2"))

    def test_a_cell_cannot_close_system_out(self):
        reply, outputs = self.run_cell(
            'try (PrintWriter w = new PrintWriter(System.out)) { w.println("inside"); }\n'
            'System.err.close();')
        self.assertEqual("ok", reply["status"], reply)
        self.assertIn("inside", kh.stream_text(outputs))
        reply, outputs = self.run_cell('System.out.println("still open"); System.err.println("err too");')
        self.assertIn("still open", kh.stream_text(outputs))
        self.assertIn("err too", kh.stream_text(outputs, "stderr"))

    def test_stop_button_ends_threads_the_cell_started(self):
        reply, outputs = self.run_cell(
            'Thread spinner = new Thread(() -> { while (true) { } }, "spinner");\n'
            'Thread sleeper = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }, "sleeper");\n'
            'spinner.start(); sleeper.start();')
        self.assertEqual("ok", reply["status"], reply)
        note = kh.stream_text(outputs, "stderr")
        self.assertIn("left 2 threads running", note)
        self.assertIn("spinner", note)
        _, outputs = self.run_cell("%threads")
        listing = kh.stream_text(outputs)
        self.assertIn("spinner (runnable", listing)
        self.assertIn("sleeper (timed_waiting", listing)
        self.km.interrupt_kernel()
        # The interrupt request travels on its own channel, so it may reach the kernel while the
        # first probe below runs and stop that probe instead: only an ok reply counts.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            reply, outputs = self.run_cell("spinner.isAlive() || sleeper.isAlive()")
            if reply["status"] == "ok" and any(t == "execute_result" and c["data"]["text/plain"] == "false"
                                               for t, c in outputs):
                break
            time.sleep(0.3)
        self.assertEqual("false", self.result_text("spinner.isAlive() || sleeper.isAlive()"))
        _, outputs = self.run_cell("%threads")
        self.assertIn("no threads started by cells are running", kh.stream_text(outputs))

    def test_out_of_memory_error_says_what_to_do(self):
        self.run_cell("int survivesOom = 3;")
        reply, _ = self.run_cell("double[] huge = new double[Integer.MAX_VALUE - 8];")
        self.assertEqual("error", reply["status"])
        self.assertIn("OutOfMemoryError", reply["ename"])
        self.assertIn("restart the kernel", reply["evalue"])
        self.assertEqual("4", self.result_text("survivesOom + 1"))

    def test_redefining_a_record_says_what_was_reset(self):
        self.run_cell("record Pt(int x) {}\nPt p = new Pt(1);\nvar q = p;\nclass Box { }\nBox box = new Box();")
        reply, outputs = self.run_cell("record Pt(int x, int y) {}")
        self.assertEqual("ok", reply["status"], reply)
        note = kh.stream_text(outputs, "stderr")
        self.assertIn("redefining Pt", note)
        self.assertIn("p, q", note)
        self.assertIn("unusable until declared again", note)
        reply, outputs = self.run_cell("class Box { int k; }")
        self.assertIn("redefining Box reset box to null", kh.stream_text(outputs, "stderr"))
        self.assertEqual("true", self.result_text("box == null"))
        # Declaring a variable again (notebook 00's first lesson) names no dependent: the old n is replaced.
        self.run_cell("int n = 5;")
        reply, outputs = self.run_cell("int n = 7;")
        self.assertEqual("", kh.stream_text(outputs, "stderr"))
        self.run_cell("int twice = 2 * n;")
        reply, outputs = self.run_cell("String twice = \"two\";\nint n = 8;")
        self.assertEqual("", kh.stream_text(outputs, "stderr"))
        # A cell whose own snippets depend on each other prints no such note.
        _, outputs = self.run_cell("int first = 1;\nint second = first + 1;\nsecond")
        self.assertEqual("", kh.stream_text(outputs, "stderr"))

    def test_a_compile_error_runs_none_of_the_cell(self):
        self.run_cell("int ranLines = 0;")
        reply, outputs = self.run_cell(
            'ranLines += 1;\nSystem.out.println("line 2 ran");\nint broken = undefinedName + 1;\nranLines += 10;')
        self.assertEqual("error", reply["status"])
        self.assertEqual("CompilationException", reply["ename"])
        self.assertIn("line 3", "\n".join(reply["traceback"]))
        self.assertNotIn("line 2 ran", kh.stream_text(outputs))
        self.assertEqual("0", self.result_text("ranLines"))
        reply, _ = self.run_cell("broken")
        self.assertEqual("error", reply["status"], "a declaration of a failed cell must not linger")
        # Declarations that a later snippet needs still work, and the value is the last expression's.
        self.assertEqual("6", self.result_text("int triple(int v) { return 3 * v; }\nint two = 2;\ntriple(two)"))
        # Redeclaring a variable a cell reads first keeps JShell's order.
        self.run_cell("int level = 4;")
        self.assertEqual("5", self.result_text("int previous = level;\nint level = previous + 1;\nlevel"))

    def test_rendering_a_value_can_be_stopped(self):
        self.run_cell("int beforeRender = 1;\n"
                      "class Endless { public String toString() { while (true) { } } }")
        msg_id = self.kc.execute("new Endless()")
        reply = None
        for _ in range(20):  # the interrupt must reach the drawing, whenever that starts
            time.sleep(1.0)
            self.km.interrupt_kernel()
            try:
                reply = self.kc.get_shell_msg(timeout=1.0)
                break
            except Exception:  # queue.Empty: still drawing
                continue
        self.assertIsNotNone(reply, "the stop button did not end the drawing of the value")
        self.drain_until_idle(msg_id)
        self.assertEqual(msg_id, reply["parent_header"]["msg_id"])
        self.assertEqual("error", reply["content"]["status"])
        self.assertEqual("InterruptedException", reply["content"]["ename"])
        self.assertEqual("2", self.result_text("beforeRender + 1"))

    # ----------------------------------------------------------------- protocol

    def replies(self, socket, session, wait=3.0):
        """The reply messages (not status) that arrive on a raw socket within `wait` seconds."""
        found = []
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if socket.poll(100):
                _, message = session.feed_identities(socket.recv_multipart())
                found.append(session.deserialize(message))
        return found

    def execute_content(self, code):
        return {"code": code, "silent": False, "store_history": False,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": False}

    def test_replayed_message_is_not_run_again(self):
        self.run_cell("int replayed = 0;")
        session = Session(key=self.km.session.key, signature_scheme="hmac-sha256")
        message = session.msg("execute_request", self.execute_content("replayed += 1;"))
        frames = session.serialize(message)
        socket = self.raw_socket("shell")
        try:
            socket.send_multipart(frames)
            socket.send_multipart(frames)  # the same bytes, the same signature: a replay
            replies = self.replies(socket, session)
        finally:
            socket.close()
        self.assertEqual(1, len(replies), [r["content"] for r in replies])
        self.assertEqual("1", self.result_text("replayed"))

    def test_execute_request_on_control_is_refused(self):
        self.run_cell("int viaControl = 0;")
        session = Session(key=self.km.session.key, signature_scheme="hmac-sha256")
        socket = self.raw_socket("control")
        try:
            session.send(socket, "execute_request", self.execute_content("viaControl = 1;"))
            replies = self.replies(socket, session)
        finally:
            socket.close()
        self.assertEqual(["execute_reply"], [r["msg_type"] for r in replies])
        self.assertEqual("error", replies[0]["content"]["status"])
        self.assertIn("shell channel", replies[0]["content"]["evalue"])
        self.assertEqual("0", self.result_text("viaControl"))

    def test_malformed_requests_get_an_error_reply(self):
        session = Session(key=self.km.session.key, signature_scheme="hmac-sha256")
        requests = [
            ("execute_request", dict(self.execute_content("1"), code=["1 + 1"])),
            ("is_complete_request", {"code": None}),
            ("history_request", {"hist_access_type": "no-such-access", "output": "yes", "raw": 3}),
        ]
        socket = self.raw_socket("shell")
        try:
            for msg_type, content in requests:
                session.send(socket, msg_type, content)
                replies = self.replies(socket, session, wait=2.0)
                self.assertEqual([msg_type.replace("_request", "_reply")], [r["msg_type"] for r in replies],
                                 f"{msg_type} {content}")
                self.assertEqual("error", replies[0]["content"]["status"], replies[0]["content"])
        finally:
            socket.close()
        self.assertEqual("2", self.result_text("1 + 1"))


class ConnectionTest(unittest.TestCase):
    """Connection files that the messaging spec allows, or that Jupyter may write."""

    def test_an_unsigned_connection_is_served_request_after_request(self):
        # key "" means unsigned messages: every signature is empty, none is a replay
        kh.use_built_kernelspec()
        from jupyter_client.manager import KernelManager
        km = KernelManager(kernel_name=kh.KERNEL_NAME)
        km.session.key = b""
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            for i in range(3):
                reply, outputs = kh.run(kc, f"{i} + 1", timeout=60)
                self.assertEqual("ok", reply["status"])
                self.assertIn(str(i + 1), [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"])
        finally:
            kh.stop_kernel(km, kc)

    def test_an_ipc_transport_is_refused_at_once(self):
        import json
        import subprocess
        import tempfile
        spec = json.loads((kh.BUILT_SPEC / "kernel.json").read_text())
        connection = {"transport": "ipc", "ip": "/tmp/neuralode-kernel-ipc", "shell_port": 1, "iopub_port": 2,
                      "stdin_port": 3, "control_port": 4, "hb_port": 5, "key": "k",
                      "signature_scheme": "hmac-sha256"}
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            json.dump(connection, f)
            f.flush()
            argv = [a.replace("{connection_file}", f.name) for a in spec["argv"]]
            result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        self.assertEqual(2, result.returncode)
        self.assertIn('this kernel speaks only "tcp"', result.stderr)


class HeapGuardTest(unittest.TestCase):
    """A kernel with a small heap (as a hub admin would set it) and a cell that fills it."""

    def start_small_kernel(self):
        """A kernel with a 256 MB heap, stopped when the test ends; returns (manager, client)."""
        os.environ["NEURALODE_KERNEL_HEAP"] = "256m"
        try:
            km, kc, _ = kh.start_kernel()
        finally:
            del os.environ["NEURALODE_KERNEL_HEAP"]
        self.addCleanup(kh.stop_kernel, km, kc)
        return km, kc

    def assert_clear_out_of_memory_error(self, reply):
        """The guard's stop, a real OutOfMemoryError and the kernel's own out-of-memory error are
        all right for a cell that fills the heap (which comes first is a race, see HeapGuard and
        HeapReserve); each says that the session is kept."""
        self.assertEqual("error", reply["status"], reply)
        self.assertIn("OutOfMemoryError", reply["ename"], reply)
        self.assertIn("the session and its variables are kept", reply["evalue"], reply)

    def test_runaway_cell_is_stopped_before_the_kernel_dies(self):
        km, kc = self.start_small_kernel()
        self.assertEqual("ok", kh.run(kc, "int kept = 7;")[0]["status"])
        start = time.monotonic()
        reply, _ = kh.run(kc, "List<double[]> hog = new ArrayList<>();\n"
                              "while (true) { hog.add(new double[1000]); }", timeout=120)
        elapsed = time.monotonic() - start
        self.assert_clear_out_of_memory_error(reply)
        stopped_by = "the guard" if "of the kernel's" in reply["evalue"] else "a real OutOfMemoryError"
        kh.metric("heap guard: runaway List<double[]> cell stopped after (256 MB heap)",
                  f"{elapsed:.1f} s ({stopped_by})")
        reply, outputs = kh.run(kc, "hog = null; kept")
        self.assertEqual("ok", reply["status"], reply)
        self.assertEqual("7", [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"][0])
        time.sleep(7)  # the kernel collects when idle, so the heap can shrink
        kh.metric("kernel RSS after the stopped cell and 7 s idle (256 MB heap)", f"{rss_mb(km):.0f} MB")

    def fill_heap_in_steps(self, kc, last_steps):
        """Fills the heap with a session variable, `base`, until a cell fails; returns its reply.
        Each step adds less than the tenth of the old generation that the guard asks of a cell
        it stops, so the guard stops none of them: 1500 arrays of 8 kB (12 MB, 7% of the old
        generation of a 256 MB heap, 170 MB), each followed by System.gc() so that the next
        step starts from an exact figure, until the kernel notes that the variables hold most of
        the heap; then `last_steps` arrays a step."""
        self.assertEqual("ok", kh.run(kc, "int kept = 7;\nList<double[]> base = new ArrayList<>();")[0]["status"])
        step = "for (int i = 0; i < 1500; i++) { base.add(new double[1000]); }\nSystem.gc();"
        for steps in range(1, 400):
            reply, outputs = kh.run(kc, step, timeout=120)
            if reply["status"] != "ok":
                self.assertGreater(steps, 5, "the heap filled up too early")
                return reply
            if "the session's variables hold" in kh.stream_text(outputs, "stderr"):
                step = f"for (int i = 0; i < {last_steps}; i++) {{ base.add(new double[1000]); }}"
        self.fail("the heap never filled up")

    def assert_kernel_answers_after_freeing_base(self, kc):
        reply, outputs = kh.run(kc, "base = null; kept")
        self.assertEqual("ok", reply["status"], reply)
        self.assertEqual("7", [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"][0])
        self.assertEqual("ok", kh.run(kc, "List<double[]> again = new ArrayList<>();"
                                          " for (int i = 0; i < 5000; i++) { again.add(new double[1000]); }")[0]["status"])

    def test_a_real_out_of_memory_error_leaves_the_kernel_answering(self):
        """A session filled in steps the guard ignores ends in a real OutOfMemoryError, with the
        heap still full of the session's data: the path a runaway cell takes when it outruns the
        guard, made certain."""
        km, kc = self.start_small_kernel()
        self.assert_clear_out_of_memory_error(self.fill_heap_in_steps(kc, last_steps=1500))
        self.assert_kernel_answers_after_freeing_base(kc)

    def test_a_heap_filled_to_the_brim_leaves_the_kernel_answering(self):
        """With steps of 400 kB at the end, a cell that succeeds often leaves the heap so full
        that the error strikes the kernel's own work instead (compiling the next cell, polling a
        socket, sending a message), on threads other than the cell's."""
        km, kc = self.start_small_kernel()
        self.assert_clear_out_of_memory_error(self.fill_heap_in_steps(kc, last_steps=50))
        self.assert_kernel_answers_after_freeing_base(kc)


if __name__ == "__main__":
    unittest.main()
