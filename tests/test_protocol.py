"""The kernel over the real Jupyter protocol (jupyter_client): interrupts, forged and malformed
messages, many failing cells, large output, streaming, error reports, the parent watchdog, a
figure's MIME bundle, and the start-up / round-trip figures printed at the end of the run."""
import json
import os
import signal
import statistics
import subprocess
import tempfile
import time
import unittest

from jupyter_client.session import Session

import kernel_helpers as kh


class KernelProtocolTest(kh.KernelSessionTest):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        kh.metric("kernel cold start to kernel_info_reply", f"{cls.startup * 1000:.0f} ms")

    # ----------------------------------------------------------------- interrupt

    def interrupt(self, code):
        self.run_cell("int survivor = 41;")
        msg_id = self.kc.execute(code)
        time.sleep(0.5)  # let the cell start running
        start = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=20)
        elapsed = time.monotonic() - start
        self.drain_until_idle(msg_id)
        self.assertEqual(msg_id, reply["parent_header"]["msg_id"])
        self.assertEqual("error", reply["content"]["status"])
        self.assertEqual("InterruptedException", reply["content"]["ename"])
        # The kernel lives on with its state.
        self.assertEqual("42", self.result_text("survivor + 1"))
        return elapsed

    def test_interrupt_ends_busy_loop(self):
        elapsed = self.interrupt("while (true) { }")
        kh.metric("interrupt of while(true){}", f"{elapsed * 1000:.0f} ms")

    def test_interrupt_ends_sleep(self):
        elapsed = self.interrupt("Thread.sleep(60_000);")
        kh.metric("interrupt of Thread.sleep(60_000)", f"{elapsed * 1000:.0f} ms")

    # ----------------------------------------------------------------- hostile input

    def test_badly_signed_request_is_not_executed(self):
        self.run_cell("int forged = 0;")
        forger = Session(key=b"not-the-connection-key", signature_scheme="hmac-sha256")
        socket = self.raw_socket()
        try:
            forger.send(socket, "execute_request",
                        {"code": "forged = 666;", "silent": False, "store_history": True,
                         "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            unsigned = Session(key=b"", signature_scheme="hmac-sha256")
            unsigned.send(socket, "execute_request",
                          {"code": "forged = 667;", "silent": False, "store_history": True,
                           "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            time.sleep(0.5)
            self.assertEqual(0, socket.poll(500), "the kernel answered a forged message")
        finally:
            socket.close()
        self.assertEqual("0", self.result_text("forged"))

    def test_malformed_frames_are_dropped(self):
        key = self.km.session.key
        socket = self.raw_socket()
        good = Session(key=key, signature_scheme="hmac-sha256")
        try:
            socket.send_multipart([b"<IDS|MSG>", b"deadbeef"])            # too few frames
            socket.send_multipart([b"no delimiter at all"])
            socket.send_multipart([b"<IDS|MSG>", b"", b"{", b"{}", b"{}", b"{}"])  # broken JSON
            # Well signed, but not JSON / unknown type:
            header = b'{"msg_id": "x", "msg_type": "no_such_request", "session": "s", "username": "u", "version": "5.3", "date": "2020-01-01T00:00:00Z"}'
            frames = [header, b"{}", b"{}", b"{}"]
            socket.send_multipart([b"<IDS|MSG>", good.sign(frames).encode() if isinstance(good.sign(frames), str) else good.sign(frames)] + frames)
            frames = [b"not json", b"{}", b"{}", b"{}"]
            sig = good.sign(frames)
            socket.send_multipart([b"<IDS|MSG>", sig if isinstance(sig, bytes) else sig.encode()] + frames)
            time.sleep(0.5)
        finally:
            socket.close()
        self.assertEqual("2", self.result_text("1 + 1"))

    def test_error_aborts_the_queued_cells_like_run_all(self):
        ids = [self.kc.execute('Thread.sleep(300); throw new IllegalStateException("first fails");'),
               self.kc.execute("int notRun = 1;"),
               self.kc.execute("notRun")]
        replies = {}
        while len(replies) < 3:
            reply = self.kc.get_shell_msg(timeout=30)
            replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
        self.assertEqual(["error", "aborted", "aborted"], [replies[i] for i in ids])
        self.drain_until_idle(ids[-1])
        reply, _ = self.run_cell("notRun")
        self.assertEqual("error", reply["status"], "an aborted cell must not have run")
        self.assertEqual("5", self.result_text("2 + 3"))

    def test_hundred_failing_cells_then_still_answers(self):
        for i in range(100):
            reply, _ = self.run_cell(f'throw new IllegalArgumentException("cell {i}");')
            self.assertEqual("error", reply["status"])
            self.assertEqual("java.lang.IllegalArgumentException", reply["ename"])
        self.assertEqual("3", self.result_text("1 + 2"))

    # ----------------------------------------------------------------- output

    def test_ten_megabytes_of_output(self):
        reply, outputs = self.run_cell(
            'String line = "x".repeat(99);\n'
            'for (int i = 0; i < 100_000; i++) System.out.println(line);', timeout=300)
        self.assertEqual("ok", reply["status"])
        text = kh.stream_text(outputs)
        self.assertEqual(10_000_000, len(text))
        self.assertLess(len(outputs), 10_000, "output should travel in chunks, not per line")

    def test_output_streams_while_the_cell_runs(self):
        reply, outputs = self.run_cell(
            'System.out.println("before"); Thread.sleep(1500); System.out.println("after");')
        self.assertEqual("ok", reply["status"])
        streams = [c["text"] for t, c in outputs if t == "stream"]
        self.assertEqual(["before\n", "after\n"], streams,
                         "'before' must be sent before the cell sleeps, as its own message")

    def test_printed_text_comes_before_a_later_display(self):
        _, outputs = self.run_cell('System.out.println("first"); display("second"); System.out.println("third");')
        kinds = [(t, c.get("text") or c.get("data", {}).get("text/plain")) for t, c in outputs
                 if t in ("stream", "display_data")]
        self.assertEqual([("stream", "first\n"), ("display_data", "second"), ("stream", "third\n")], kinds)

    def test_unterminated_print_is_flushed_at_cell_end(self):
        _, outputs = self.run_cell('System.out.print("no newline");')
        self.assertEqual("no newline", kh.stream_text(outputs))

    # ----------------------------------------------------------------- errors

    def test_error_names_user_exception_and_user_frames_only(self):
        reply, outputs = self.run_cell(
            'double ratio(double a, double b) {\n'
            '    if (b == 0) throw new ArithmeticException("b must not be 0");\n'
            '    return a / b;\n'
            '}\n'
            'ratio(1, 0)')
        self.assertEqual("error", reply["status"])
        self.assertEqual("java.lang.ArithmeticException", reply["ename"])
        self.assertEqual("b must not be 0", reply["evalue"])
        trace = "\n".join(reply["traceback"])
        self.assertIn("ratio", trace)
        self.assertIn("line 2", trace)
        for internal in ("org.neuralode.kernel", "jdk.jshell", "jdk.internal.reflect", "java.lang.Thread.run"):
            self.assertNotIn(internal, trace)

    def test_compile_error_marks_the_code(self):
        reply, _ = self.run_cell('int n = 1;\nString s = n * 2;')
        self.assertEqual("error", reply["status"])
        self.assertEqual("CompilationException", reply["ename"])
        self.assertIn("incompatible types", reply["evalue"])
        trace = [line for line in reply["traceback"]]
        code_line = next(i for i, line in enumerate(trace) if "String s = n * 2;" in line)
        self.assertIn("^", trace[code_line + 1])
        self.assertIn("line 2", trace[code_line - 1])

    def reply_to(self, msg_id, timeout=30):
        """The shell reply to one request (skipping replies left from earlier requests)."""
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def request(self, code, **options):
        """Sends one execute_request; returns (reply content, [(msg_type, content)] of IOPub until idle)."""
        msg_id = self.kc.execute(code, **options)
        reply = self.reply_to(msg_id)
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return reply["content"], outputs
            outputs.append((msg["msg_type"], msg["content"]))

    def test_a_silent_request_publishes_no_error(self):
        reply, outputs = self.request('throw new IllegalStateException("quiet");', silent=True)
        self.assertEqual("error", reply["status"])
        self.assertEqual("java.lang.IllegalStateException", reply["ename"])
        self.assertEqual([], [t for t, _ in outputs if t not in ("status",)], outputs)

    def test_user_expressions_are_evaluated_after_the_cell(self):
        reply, _ = self.request("int asked = 6;", user_expressions={"answer": "asked * 7", "wrong": "asked.length()"})
        self.assertEqual("ok", reply["status"], reply)
        expressions = reply["user_expressions"]
        self.assertEqual({"status": "ok", "data": {"text/plain": "42"}, "metadata": {}}, expressions["answer"])
        self.assertEqual("error", expressions["wrong"]["status"])
        self.assertEqual("CompilationException", expressions["wrong"]["ename"])

    def test_a_failing_to_string_is_the_users_error(self):
        reply, _ = self.run_cell('class Mute { public String toString() { throw new IllegalStateException("no words"); } }\n'
                                 'new Mute()')
        self.assertEqual("error", reply["status"])
        self.assertEqual("java.lang.IllegalStateException", reply["ename"])
        self.assertEqual("no words", reply["evalue"])
        trace = "\n".join(reply["traceback"])
        self.assertIn("Mute.toString", trace)
        for internal in ("org.dflib", "org.neuralode.kernel", "java.util.concurrent"):
            self.assertNotIn(internal, trace)
        self.assertEqual("2", self.result_text("1 + 1"))

    def test_a_compile_error_on_a_megabyte_line_is_cut(self):
        reply, _ = self.run_cell('int count = "many";' + " " * 1_000_000 + "// a long line")
        self.assertEqual("error", reply["status"])
        self.assertEqual("CompilationException", reply["ename"])
        trace = "\n".join(reply["traceback"])
        self.assertLess(len(trace), 2000)
        self.assertIn('int count = "many";', trace)
        self.assertIn("characters long", trace)

    def test_a_pasted_program_says_how_to_run_its_main(self):
        reply, outputs = self.run_cell('public class Hello {\n'
                                       '    public static void main(String[] args) { System.out.println("hello"); }\n'
                                       '}')
        self.assertEqual("ok", reply["status"], reply)
        self.assertIn("run it with Hello.main(new String[0])", kh.stream_text(outputs, "stderr"))
        reply, outputs = self.run_cell("Hello.main(new String[0]);")
        self.assertEqual("hello\n", kh.stream_text(outputs))
        self.assertNotIn("note:", kh.stream_text(outputs, "stderr"))

    def test_a_package_line_says_to_delete_it(self):
        reply, _ = self.run_cell("int before = 1;\npackage demo.app;\nclass InPackage { }")
        self.assertEqual("error", reply["status"])
        self.assertIn("a notebook has no packages: delete this line", reply["evalue"])
        trace = "\n".join(reply["traceback"])
        self.assertIn("line 2", trace)
        self.assertIn("package demo.app;", trace)

    def test_system_in_asks_the_front_end_for_input(self):
        msg_id = self.kc.execute('System.out.print("How many? ");\n'
                                 'int typed = new java.util.Scanner(System.in).nextInt();\ntyped * 2',
                                 allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=30)
        self.assertEqual("input_request", request["msg_type"])
        self.assertEqual(msg_id, request["parent_header"]["msg_id"])
        self.kc.input("21")
        reply = self.reply_to(msg_id)
        self.assertEqual("ok", reply["content"]["status"], reply["content"])
        self.drain_until_idle(msg_id)
        self.assertEqual("42", self.result_text("typed * 2"))
        _, outputs = self.run_cell("%threads")
        self.assertNotIn("stdin", kh.stream_text(outputs), "the kernel's input reader is no cell's thread")

    def test_stop_while_waiting_for_input_keeps_input_working(self):
        msg_id = self.kc.execute("int never = new java.util.Scanner(System.in).nextInt();", allow_stdin=True)
        self.assertEqual("input_request", self.kc.get_stdin_msg(timeout=30)["msg_type"])
        self.km.interrupt_kernel()
        reply = self.reply_to(msg_id, timeout=20)
        self.assertEqual("InterruptedException", reply["content"]["ename"])
        self.drain_until_idle(msg_id)
        msg_id = self.kc.execute("int later = new java.util.Scanner(System.in).nextInt();", allow_stdin=True)
        try:
            self.kc.get_stdin_msg(timeout=10)
        except Exception:
            pass  # the stopped cell's request may still be the one the front end answers
        self.kc.input("7")
        reply = self.reply_to(msg_id)
        self.assertEqual("ok", reply["content"]["status"], reply["content"])
        self.drain_until_idle(msg_id)
        self.assertEqual("7", self.result_text("later"))

    def test_system_in_without_stdin_says_so(self):
        reply, _ = self.request("new java.util.Scanner(System.in).nextInt()", allow_stdin=False)
        self.assertEqual("error", reply["status"])
        self.assertEqual("java.lang.IllegalStateException", reply["ename"])
        self.assertIn("allow_stdin false", reply["evalue"])
        self.assertIn("put the value in the code instead", reply["evalue"])

    def test_cause_chain_is_reported(self):
        reply, _ = self.run_cell('throw new RuntimeException("outer", new java.io.IOException("inner"));')
        trace = "\n".join(reply["traceback"])
        self.assertIn("Caused by: ", trace)
        self.assertIn("java.io.IOException", trace)

    # ----------------------------------------------------------------- renderers and cell API

    def test_value_renderers(self):
        _, outputs = self.run_cell('Table.create("t", DoubleColumn.create("h", new double[] {0.5}))')
        data = [c["data"] for t, c in outputs if t == "execute_result"][0]
        self.assertIn("<table", data["text/html"])
        self.assertIn("0.5", data["text/html"])
        _, outputs = self.run_cell("new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)")
        data = [c["data"] for t, c in outputs if t == "execute_result"][0]
        self.assertIn("image/png", data)
        self.assertEqual("[1, 2]", self.result_text("List.of(1, 2)"))

    def test_update_display_targets_the_display_id(self):
        _, outputs = self.run_cell('String id = display("first"); updateDisplay(id, "second"); id')
        shown = [c for t, c in outputs if t == "display_data"]
        updated = [c for t, c in outputs if t == "update_display_data"]
        result = [c for t, c in outputs if t == "execute_result"][0]
        self.assertEqual(1, len(shown))
        self.assertEqual(1, len(updated))
        self.assertEqual(shown[0]["transient"]["display_id"], updated[0]["transient"]["display_id"])
        self.assertEqual("second", updated[0]["data"]["text/plain"])
        self.assertEqual(shown[0]["transient"]["display_id"], result["data"]["text/plain"])

    def test_library_packages_are_imported(self):
        # Grids is part of the contract; its package is imported without a set-up cell.
        self.assertEqual("3", self.result_text("Grids.linspace(0, 1, 3).length"))

    def test_inspection_shows_the_library_javadoc(self):
        """Shift-Tab inside a library call shows the method's Javadoc (from the sources jar that
        the build puts in kernel-lib), as plain text; so does the pager's `name?`."""
        def inspect(code):
            msg_id = self.kc.inspect(code, len(code))
            reply = self.kc.get_shell_msg(timeout=60)
            self.assertEqual(msg_id, reply["parent_header"]["msg_id"])
            content = reply["content"]
            self.assertEqual("ok", content["status"], content)
            self.assertTrue(content["found"], content)
            return content["data"]["text/plain"]

        text = inspect("Solvers.dormandPrince(")
        self.assertIn("Solvers.dormandPrince(double rtol, double atol)", text)
        self.assertIn("Dormand-Prince 5(4) with error control and dense output", text)
        # {@link #DEFAULT_RTOL} is shown as plain text, not as Javadoc markup.
        self.assertIn("Dormand-Prince 5(4) at DEFAULT_RTOL and DEFAULT_ATOL", text)
        self.assertNotIn("{@", text)
        # A constructor's @param lines, readable.
        self.assertIn("y0 - the initial infected fraction", inspect("new Infections("))

        reply, _ = self.run_cell("Plot.vectorField?")
        pages = [p["data"]["text/plain"] for p in reply["payload"] if p.get("source") == "page"]
        self.assertEqual(1, len(pages), reply)
        self.assertIn("phase portrait", pages[0])

    def test_a_figure_is_one_bundle_everywhere_and_carries_no_plotly_js(self):
        """display, updateDisplay and a cell's value send the same bundle for a figure: plotly's
        JSON (a JSON object, titles as {text}), HTML holding the PNG, the PNG and text. plotly.js
        itself is never sent (the HTML fetches it from the kernelspec folder), so no output is
        a loader and saved notebooks stay small."""
        make = ('PlotFigure fig(double k) { return Plot.lines(new double[] {0, 1})'
                '.series("$h_0$", new double[] {0, k}).series("b", new double[] {1, k}).title("$k = " + k + "$").build(); }')
        reply, _ = self.run_cell(make)
        self.assertEqual("ok", reply["status"], reply)
        _, outputs = self.run_cell('String id = display(fig(1)); updateDisplay(id, fig(2));')
        shown = [(t, c) for t, c in outputs if t in ("display_data", "update_display_data")]
        self.assertEqual(["display_data", "update_display_data"], [t for t, _ in shown])
        self.assertEqual(shown[0][1]["transient"]["display_id"], shown[1][1]["transient"]["display_id"])
        _, outputs = self.run_cell("fig(3)")
        results = [c for t, c in outputs if t == "execute_result"]
        self.assertEqual([], [c for t, c in outputs if t == "display_data"], "no loader output before a result")
        for k, content in zip((1, 2, 3), [c for _, c in shown] + results):
            data = content["data"]
            self.assertEqual({"application/vnd.plotly.v1+json", "text/html", "image/png", "text/plain"}, set(data))
            figure = data["application/vnd.plotly.v1+json"]
            self.assertIsInstance(figure, dict, "JSON types go out as JSON objects")
            self.assertEqual(f"k = {k}.0", figure["layout"]["title"]["text"])
            self.assertEqual("h₀", figure["data"][0]["name"], "Unicode where nothing typesets LaTeX")
            self.assertEqual([0, k], figure["data"][0]["y"])
            self.assertIn('class="neuralode-plot"', data["text/html"])
            self.assertIn(data["image/png"], data["text/html"], "the HTML shows the same PNG until it draws")
            self.assertLess(len(data["text/html"]), 100_000, "a figure must not embed plotly.js")
            self.assertNotIn("DecompressionStream", data["text/html"])
            self.assertEqual(f"Figure: k = {k}.0 (2 traces: h₀, b)", data["text/plain"])

    def test_a_tablesaw_figure_goes_out_in_the_same_bundle(self):
        """A student's own tablesaw-jsplot figure (notebook 00's LinePlot) is sent as ours are:
        plotly JSON (tablesaw's trace, titles as {text}), HTML that draws it and holds the PNG, the
        PNG and text; so it survives an untrusted reopen and shows on GitHub."""
        code = ('Table decay = Table.create("decay", DoubleColumn.create("t", new double[] {0, 1, 2}),'
                ' DoubleColumn.create("h", new double[] {1, 0.5, 0.25}));'
                ' tech.tablesaw.plotly.api.LinePlot.create("h(t)", decay, "t", "h")')
        reply, outputs = self.run_cell(code)
        self.assertEqual("ok", reply["status"], reply)
        data = [c for t, c in outputs if t == "execute_result"][0]["data"]
        self.assertEqual({"application/vnd.plotly.v1+json", "text/html", "image/png", "text/plain"}, set(data))
        figure = data["application/vnd.plotly.v1+json"]
        self.assertEqual([1, 0.5, 0.25], [float(v) for v in figure["data"][0]["y"]])
        self.assertEqual("h(t)", figure["layout"]["title"]["text"])
        self.assertEqual("t", figure["layout"]["xaxis"]["title"]["text"])
        self.assertIn('class="neuralode-plot"', data["text/html"])
        self.assertIn(data["image/png"], data["text/html"])
        self.assertIn("'kernelspecs/neuralode-java/plotly.js'", data["text/html"],
                      "the kernel says where plotly.js is served")
        self.assertEqual("Figure: h(t) (1 trace)", data["text/plain"])

    # ----------------------------------------------------------------- lifecycle and figures

    def test_kernel_exits_when_its_parent_dies(self):
        spec = json.loads((kh.BUILT_SPEC / "kernel.json").read_text())
        parent = subprocess.Popen(["sleep", "300"])
        with tempfile.TemporaryDirectory() as tmp:
            from jupyter_client.connect import write_connection_file
            connection_file, _ = write_connection_file(os.path.join(tmp, "kernel.json"))
            argv = [a.replace("{connection_file}", connection_file) for a in spec["argv"]]
            env = dict(os.environ, JPY_PARENT_PID=str(parent.pid))
            kernel = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                time.sleep(1.0)
                self.assertIsNone(kernel.poll(), "kernel should run while its parent lives")
                parent.send_signal(signal.SIGKILL)
                parent.wait()
                kernel.wait(timeout=20)  # raises TimeoutExpired if the kernel lingers
            finally:
                if kernel.poll() is None:
                    kernel.kill()
                    kernel.wait()

    def test_kernelspec_is_complete(self):
        spec = json.loads((kh.BUILT_SPEC / "kernel.json").read_text())
        # the Java the build chose (scripts/setup.sh): 17 on Debian's default, 25 where that is the JDK
        java = next(a for a in spec["argv"] if a.endswith("/bin/java"))
        self.assertEqual(f"Java {kh.java_version(java)} (neural ODE)", spec["display_name"])
        self.assertEqual("java", spec["language"])
        self.assertEqual("message", spec["interrupt_mode"])
        classpath = spec["argv"][spec["argv"].index("-cp") + 1].split(os.pathsep)
        self.assertTrue(all(os.path.isabs(p) and os.path.isfile(p) for p in classpath), classpath)
        self.assertIn("{connection_file}", spec["argv"])

    def test_restart_gives_a_fresh_session(self):
        km, kc, _ = kh.start_kernel()
        try:
            reply, _ = kh.run(kc, "int before = 1;")
            self.assertEqual("ok", reply["status"])
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            reply, _ = kh.run(kc, "before")
            self.assertEqual("error", reply["status"], "a restarted kernel must forget old variables")
            reply, outputs = kh.run(kc, "2 + 2")
            self.assertEqual("ok", reply["status"])
        finally:
            kh.stop_kernel(km, kc)
        self.assertFalse(km.is_alive())

    def test_measure_round_trip(self):
        self.run_cell("1")
        times = []
        for _ in range(20):
            start = time.monotonic()
            reply, _ = self.run_cell("1 + 1")
            times.append(time.monotonic() - start)
            self.assertEqual("ok", reply["status"])
        kh.metric("trivial cell round trip (median of 20, `1 + 1`)",
                  f"{statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    unittest.main()
