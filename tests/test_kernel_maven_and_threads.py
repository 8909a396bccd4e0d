"""Issue 27's %maven and late thread output: %maven against a repository that accepts connections
but never answers ends with a clear error within its timeout, stops at once on the stop button and
leaves no temporary folder; text that a thread prints after its cell ended is published under the
cell that started the thread, never under the cell running then."""
import os
import shutil
import socket
import tempfile
import threading
import time
import unittest
from pathlib import Path

import kernel_helpers as kh


class LateThreadOutputTest(kh.KernelSessionTest):

    def run_and_collect(self, codes, grace=1.0, timeout=60):
        """Sends the cells one after another (each after the previous one's idle status); returns
        their msg_ids and every IOPub message until `grace` seconds after the last one's idle."""
        ids, messages = [], []
        for code in codes:
            msg_id = self.kc.execute(code)
            ids.append(msg_id)
            deadline = time.monotonic() + timeout
            while True:
                self.assertLess(time.monotonic(), deadline, "no idle status")
                msg = self.kc.get_iopub_msg(timeout=timeout)
                messages.append(msg)
                if (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
                        and msg["parent_header"].get("msg_id") == msg_id):
                    break
            self.kc.get_shell_msg(timeout=timeout)
        end = time.monotonic() + grace
        while time.monotonic() < end:
            try:
                messages.append(self.kc.get_iopub_msg(timeout=max(0.05, end - time.monotonic())))
            except Exception:
                break
        return ids, messages

    @staticmethod
    def parents_of(messages, text):
        return [m["parent_header"].get("msg_id") for m in messages
                if m["msg_type"] == "stream" and text in m["content"]["text"]]

    def test_late_output_goes_to_the_cell_that_started_the_thread(self):
        starter = (
            'new Thread(() -> { try { Thread.sleep(1000); } catch (InterruptedException e) { return; }'
            ' System.out.println("late from a thread"); }).start();\n'
            'var lateExecutor = java.util.concurrent.Executors.newSingleThreadExecutor();\n'
            'lateExecutor.submit(() -> { try { Thread.sleep(1000); } catch (InterruptedException e) { return; }'
            ' System.err.println("late from an executor"); });\n'
            'lateExecutor.shutdown();')
        # The second cell runs while both print; it is another request, as another client's would be.
        (first, second), messages = self.run_and_collect(
            [starter, 'Thread.sleep(2500); System.out.println("the second cell");'])
        self.assertEqual([second], self.parents_of(messages, "the second cell"))
        for text in ("late from a thread", "late from an executor"):
            parents = self.parents_of(messages, text)
            self.assertNotIn(second, parents, f"{text!r} was published under the cell running then")
            self.assertEqual([first], parents, f"{text!r} must be published once, under the cell that started it")

    def test_late_output_of_a_virtual_thread_goes_to_the_cell_that_started_it(self):
        if int(self.result_text("Runtime.version().feature()")) < 21:
            self.skipTest("virtual threads need Java 21")
        starter = ('Thread.ofVirtual().start(() -> { try { Thread.sleep(1000); } catch (InterruptedException e)'
                   ' { return; } System.out.println("late from a virtual thread"); });')
        (first, second), messages = self.run_and_collect([starter, 'Thread.sleep(2500);'])
        self.assertEqual([first], self.parents_of(messages, "late from a virtual thread"))

    def test_parallel_streams_print_under_the_running_cell(self):
        # The common pool's workers are made by whichever cell first runs a parallel stream, and
        # serve every later cell: their text belongs to the cell running them.
        code = ('java.util.stream.IntStream.range(0, 64).parallel()'
                '.forEach(i -> { if (i % 16 == 0) System.out.println("parallel " + i); });')
        (first, second), messages = self.run_and_collect([code, code], grace=0.3)
        texts_under_second = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream"
                                     and m["parent_header"].get("msg_id") == second)
        for i in (0, 16, 32, 48):
            self.assertIn(f"parallel {i}\n", texts_under_second)


class SilentRepository:
    """A server on 127.0.0.1 that accepts every connection and never answers (a dead proxy, a
    captive portal), keeping the connections open; counts them."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/"
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)

    def wait_for_a_connection(self, timeout=60):
        deadline = time.monotonic() + timeout
        while not self.connections and time.monotonic() < deadline:
            time.sleep(0.05)
        return bool(self.connections)

    def close(self):
        self.server.close()
        for connection in self.connections:
            connection.close()


class MavenTimeoutTest(unittest.TestCase):
    """%maven against a repository that never answers. The kernel runs with a temporary folder of
    its own (java.io.tmpdir), so that the test can see what %maven leaves there."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="neuralode-maven-test-"))
        kh.use_built_kernelspec()
        from jupyter_client.manager import KernelManager
        cls.km = KernelManager(kernel_name=kh.KERNEL_NAME)
        env = dict(os.environ)
        env["JAVA_TOOL_OPTIONS"] = (env.get("JAVA_TOOL_OPTIONS", "") + f" -Djava.io.tmpdir={cls.tmp}").strip()
        cls.km.start_kernel(env=env)
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        cls.kc.wait_for_ready(timeout=60)

    @classmethod
    def tearDownClass(cls):
        kh.stop_kernel(cls.km, cls.kc)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.repository = SilentRepository()
        self.addCleanup(self.repository.close)

    def left_in_tmp(self):
        return [p.name for p in self.tmp.iterdir() if p.name.startswith("neuralode-maven")]

    def test_a_silent_repository_gives_a_clear_error_within_the_timeout(self):
        start = time.monotonic()
        reply, _ = kh.run(
            self.kc, f"%maven --repository {self.repository.url} --timeout 5 org.example.none:nothing:1.0", timeout=120)
        seconds = time.monotonic() - start
        self.assertEqual("error", reply["status"])
        self.assertTrue(self.repository.connections, "Maven never asked the repository")
        self.assertEqual("MavenNoAnswer", reply["ename"])
        message = reply["evalue"]
        self.assertIn(f"no answer from {self.repository.url} within 5 s", message)
        self.assertNotIn("check the coordinates", message)
        for generic in ("-e switch", "-X switch", "[Help", "[ERROR]"):
            self.assertNotIn(generic, message)
        self.assertEqual([], self.left_in_tmp())
        kh.metric("%maven against a silent repository (--timeout 5): time to the error", f"{seconds:.1f} s")

    def test_the_stop_button_ends_a_resolution(self):
        msg_id = self.kc.execute(
            f"%maven --repository {self.repository.url} --timeout 600 org.example.none:nothing:1.0")
        self.assertTrue(self.repository.wait_for_a_connection(), "Maven never asked the repository")
        time.sleep(0.5)
        stopped = time.monotonic()
        self.km.interrupt_kernel()
        # Maven itself would wait 600 s for an answer: only the stop ends the cell within this wait.
        reply = self.kc.get_shell_msg(timeout=60)
        latency = time.monotonic() - stopped
        self.assertEqual(msg_id, reply["parent_header"]["msg_id"])
        self.assertEqual("error", reply["content"]["status"])
        self.assertEqual("InterruptedException", reply["content"]["ename"])
        self.assertIn("org.example.none:nothing:1.0 stopped", reply["content"]["evalue"])
        self.assertEqual([], self.left_in_tmp())
        # the session goes on
        reply, outputs = kh.run(self.kc, "1 + 1")
        self.assertEqual("ok", reply["status"])
        kh.metric("%maven stopped while waiting for a silent repository: stop to reply", f"{latency:.2f} s")

    def test_a_missing_artifact_says_check_the_coordinates(self):
        empty = self.tmp / "empty-repository"
        empty.mkdir(exist_ok=True)
        reply, _ = kh.run(self.kc, f"%maven --repository {empty.as_uri()} org.example.none:nothing:1.0", timeout=120)
        self.assertEqual("error", reply["status"])
        self.assertEqual("MavenArtifactNotFound", reply["ename"])
        self.assertIn("check the coordinates", reply["evalue"])
        self.assertNotIn("no answer", reply["evalue"])
        self.assertNotIn("-e switch", reply["evalue"])
        self.assertEqual([], self.left_in_tmp())

    def test_usage_and_bad_options(self):
        reply, outputs = kh.run(self.kc, "%maven")
        self.assertEqual("ok", reply["status"])
        self.assertIn("--timeout SECONDS", kh.stream_text(outputs))
        self.assertIn("--repository URL", kh.stream_text(outputs))
        reply, _ = kh.run(self.kc, "%maven --timeout soon org.example.none:nothing:1.0")
        self.assertEqual("error", reply["status"])
        self.assertIn("--timeout", reply["evalue"])
        reply, _ = kh.run(self.kc, "%maven --repository ftp://example.invalid/ org.example.none:nothing:1.0")
        self.assertEqual("error", reply["status"])
        self.assertIn("--repository", reply["evalue"])


if __name__ == "__main__":
    unittest.main()
