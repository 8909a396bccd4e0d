"""The kernel's conformance to the Jupyter messaging protocol (v5.3), checked with jupyter_client
alone: the checks of the jupyter_kernel_test package (Jupyter's own kernel test suite; not on
pip's index, so not a dependency), with Java samples, plus the replies' required fields.

Every reply and IOPub message is checked for the header fields, the parent's msg_id and the
content fields the protocol requires for its type.
"""
import unittest
from queue import Empty

import kernel_helpers as kh

TIMEOUT = 30

# Content fields the messaging protocol requires, by message type (the subset that
# jupyter_kernel_test's schema requires too).
REQUIRED = {
    "kernel_info_reply": {"status", "protocol_version", "implementation", "implementation_version",
                          "language_info", "banner"},
    "execute_reply": {"status", "execution_count"},
    "complete_reply": {"status", "matches", "cursor_start", "cursor_end", "metadata"},
    "is_complete_reply": {"status"},
    "inspect_reply": {"status", "found", "data", "metadata"},
    "history_reply": {"history"},
    "status": {"execution_state"},
    "execute_input": {"code", "execution_count"},
    "stream": {"name", "text"},
    "display_data": {"data", "metadata"},
    "update_display_data": {"data", "metadata", "transient"},
    "execute_result": {"data", "metadata", "execution_count"},
    "error": {"ename", "evalue", "traceback"},
    "clear_output": {"wait"},
}
HEADER = {"msg_id", "username", "session", "date", "msg_type", "version"}


class JavaKernelConformanceTest(kh.KernelSessionTest):
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "System.out.prin", "matches": {"print(", "printf(", "println("}},
    ]
    complete_code_samples = ["1 + 1", "int answer = 42;", "void greet() { System.out.println(1); }",
                             "for (int i = 0; i < 3; i++) { }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "double y = Math.max(1,",
                               "class Pendulum {"]
    invalid_code_samples = ["int x = 1 +;", ")", "}}"]

    code_page_something = "Math.max?"
    code_generate_error = 'throw new IllegalStateException("on purpose");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"neural" + " ODE"', "result": "neural ODE"},
        {"code": "Math.sqrt(2.25)", "result": "1.5"},
        {"code": 'Table.create("t", DoubleColumn.create("h", new double[] {1, 2}))',
         "mime": "text/html"},
    ]
    code_history_pattern = "6 *"

    code_display_data = [
        {"code": 'display("shown with display()");', "mime": "text/plain"},
        {"code": 'display(Table.create("t", DoubleColumn.create("h", new double[] {1, 2})));',
         "mime": "text/html"},
        {"code": "display(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
    ]
    code_inspect_sample = "Math.max"
    code_clear_output = 'System.out.println("gone soon"); clearOutput();'

    # --- helpers -----------------------------------------------------------------------------

    def validate(self, msg, msg_type=None, parent_id=None):
        self.assertLessEqual(HEADER, set(msg["header"]), f"header fields of {msg['header']}")
        if msg_type is not None:
            self.assertEqual(msg_type, msg["header"]["msg_type"])
        if parent_id is not None:
            self.assertEqual(parent_id, msg["parent_header"].get("msg_id"), f"parent of {msg['msg_type']}")
        required = REQUIRED.get(msg["header"]["msg_type"], set())
        if msg["header"]["msg_type"].endswith("_reply") and msg["content"].get("status") == "error":
            required = {"status", "ename", "evalue", "traceback"}
        self.assertLessEqual(required, set(msg["content"]), f"{msg['msg_type']} content {msg['content']}")

    def flush(self):
        for channel in (self.kc.shell_channel, self.kc.iopub_channel):
            while True:
                try:
                    self.validate(channel.get_msg(timeout=0.1))
                except Empty:
                    break

    def reply(self, msg_id, msg_type):
        while True:
            msg = self.kc.get_shell_msg(timeout=TIMEOUT)
            # (wait_for_ready's kernel_info_reply may still be queued)
            if msg["header"]["msg_type"] == msg_type or msg["header"]["msg_type"] != "kernel_info_reply":
                self.validate(msg, msg_type, msg_id)
                return msg

    def execute(self, code):
        """Runs code; returns (execute_reply, IOPub outputs between busy and idle)."""
        self.flush()
        msg_id = self.kc.execute(code)
        reply = self.reply(msg_id, "execute_reply")
        busy = self.kc.get_iopub_msg(timeout=5)
        self.validate(busy, "status", msg_id)
        self.assertEqual("busy", busy["content"]["execution_state"])
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=5)
            self.validate(msg, None, msg_id)
            if msg["msg_type"] == "status":
                self.assertEqual("idle", msg["content"]["execution_state"])
                return reply, outputs
            if msg["msg_type"] == "execute_input":
                self.assertEqual(code, msg["content"]["code"])
                continue
            outputs.append(msg)

    def history(self, **request):
        self.flush()
        return self.reply(self.kc.history(**request), "history_reply")["content"]["history"]

    # --- the checks --------------------------------------------------------------------------

    def test_kernel_info(self):
        self.flush()
        reply = self.reply(self.kc.kernel_info(), "kernel_info_reply")
        info = reply["content"]["language_info"]
        self.assertEqual(self.language_name, info["name"])
        self.assertEqual(self.file_extension, info["file_extension"])
        self.assertTrue(reply["content"]["protocol_version"].startswith("5."))

    def test_execute_stdout(self):
        reply, outputs = self.execute(self.code_hello_world)
        self.assertEqual("ok", reply["content"]["status"])
        stdout = [m for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"]
        self.assertTrue(stdout, f"no stdout stream in {outputs}")
        self.assertIn("hello, world", stdout[0]["content"]["text"])

    def test_execute_stderr(self):
        reply, outputs = self.execute(self.code_stderr)
        self.assertEqual("ok", reply["content"]["status"])
        self.assertTrue([m for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"],
                        f"no stderr stream in {outputs}")

    def test_completion(self):
        for sample in self.completion_samples:
            with self.subTest(text=sample["text"]):
                self.flush()
                reply = self.reply(self.kc.complete(sample["text"]), "complete_reply")
                self.assertEqual(sample["matches"], set(reply["content"]["matches"]))

    def test_is_complete(self):
        for status, samples in (("complete", self.complete_code_samples),
                                ("incomplete", self.incomplete_code_samples),
                                ("invalid", self.invalid_code_samples)):
            for sample in samples:
                with self.subTest(code=sample):
                    self.flush()
                    reply = self.reply(self.kc.is_complete(sample), "is_complete_reply")
                    self.assertEqual(status, reply["content"]["status"])

    def test_pager(self):
        reply, _ = self.execute(self.code_page_something)
        self.assertEqual("ok", reply["content"]["status"])
        payloads = reply["content"]["payload"]
        self.assertEqual(1, len(payloads))
        self.assertEqual("page", payloads[0]["source"])
        self.assertIn("text/plain", payloads[0]["data"])

    def test_error(self):
        reply, outputs = self.execute(self.code_generate_error)
        self.assertEqual("error", reply["content"]["status"])
        self.assertEqual(["error"], [m["msg_type"] for m in outputs])
        self.assertIn("on purpose", outputs[0]["content"]["evalue"])

    def test_execute_result(self):
        for sample in self.code_execute_result:
            with self.subTest(code=sample["code"]):
                reply, outputs = self.execute(sample["code"])
                self.assertEqual("ok", reply["content"]["status"])
                results = [m for m in outputs if m["msg_type"] == "execute_result"]
                self.assertTrue(results, f"no execute_result in {outputs}")
                mime = sample.get("mime", "text/plain")
                for msg in results:
                    self.assertIn(mime, msg["content"]["data"])
                    if "result" in sample:
                        self.assertEqual(sample["result"], msg["content"]["data"][mime])

    def test_display_data(self):
        for sample in self.code_display_data:
            with self.subTest(code=sample["code"]):
                reply, outputs = self.execute(sample["code"])
                self.assertEqual("ok", reply["content"]["status"])
                shown = [m for m in outputs if m["msg_type"] == "display_data"]
                self.assertTrue(shown, f"no display_data in {outputs}")
                for msg in shown:
                    self.assertIn(sample["mime"], msg["content"]["data"])

    def test_history(self):
        codes = [s["code"] for s in self.code_execute_result]
        for code in codes:
            self.execute(code)
        n = len(codes)
        with self.subTest(hist_access_type="tail"):
            history = self.history(output=False, raw=True, hist_access_type="tail", n=n)
            self.assertEqual(n, len(history))
            self.assertEqual(3, len(history[0]))
            self.assertEqual(codes, [h[2] for h in history])
            session, start = history[0][0:2]
            with_output = self.history(output=True, raw=True, hist_access_type="tail", n=n)
            self.assertEqual(2, len(with_output[0][2]), "(input, output) pairs with output=True")
        with self.subTest(hist_access_type="range"):
            history = self.history(output=False, raw=True, hist_access_type="range",
                                   session=session, start=start, stop=start + 1)
            self.assertEqual(1, len(history))
            self.assertEqual([session, start], list(history[0][0:2]))
        with self.subTest(hist_access_type="search"):
            pattern = self.code_history_pattern
            self.assertGreaterEqual(len(self.history(output=False, raw=True, hist_access_type="search",
                                                     pattern=pattern)), 1)
            for code in codes:       # the pattern is then in the history several times
                self.execute(code)
            self.assertEqual(1, len(self.history(output=False, raw=True, hist_access_type="search",
                                                 pattern=pattern, unique=True)))
            self.assertEqual(3, len(self.history(output=False, raw=True, hist_access_type="search",
                                                 pattern=pattern, n=3)))

    def test_inspect(self):
        self.flush()
        reply = self.reply(self.kc.inspect(self.code_inspect_sample), "inspect_reply")
        self.assertEqual("ok", reply["content"]["status"])
        self.assertTrue(reply["content"]["found"])
        self.assertGreaterEqual(len(reply["content"]["data"]), 1)

    def test_clear_output(self):
        reply, outputs = self.execute(self.code_clear_output)
        self.assertEqual("ok", reply["content"]["status"])
        self.assertIn("clear_output", [m["msg_type"] for m in outputs])


if __name__ == "__main__":
    unittest.main()
