"""Issue 27's %maven and late thread output: %maven against a repository that accepts connections
but never answers ends with a clear error within its timeout, stops at once on the stop button and
leaves no temporary folder; text that a thread prints after its cell ended is published under the
cell that started the thread, never under the cell running then."""
import socket
import threading
import time
import unittest

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


if __name__ == "__main__":
    unittest.main()
