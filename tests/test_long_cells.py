"""Cells of hundreds or thousands of lines (issue 27): a run of plain statements compiles as one
snippet, not one per line (counted by JShell's snippet numbers, which every compiled snippet
advances); the stop button ends a cell while it still compiles; is_complete of a huge cell answers
without holding the shell for long. Figures (not assertions) go to the run's summary."""
import time

import kernel_helpers as kh

# A cell's own JShell snippet number: JShell names the class of snippet N REPL.$JShell$N...
SNIPPET_NUMBER = ('int snippetNumber(Object probe) {\n'
                  '    var m = java.util.regex.Pattern.compile("JShell\\\\$(\\\\d+)").matcher(probe.getClass().getName());\n'
                  '    m.find();\n'
                  '    return Integer.parseInt(m.group(1));\n'
                  '}')


class LongCellsTest(kh.KernelSessionTest):

    def reply_to(self, msg_id, timeout):
        """The shell reply to msg_id (a reply left from an earlier request is skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            reply = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def test_a_run_of_statements_compiles_as_one_snippet(self):
        reply, _ = self.run_cell(SNIPPET_NUMBER + "\nint counter = 0;")
        self.assertEqual("ok", reply["status"], reply)
        before = int(self.result_text("snippetNumber(new Object() { })"))
        start = time.monotonic()
        self.assertEqual("500", self.result_text("counter += 1;\n" * 500 + "counter"))
        kh.metric("500-line cell of statements (counter += 1;), compile and run", f"{time.monotonic() - start:.1f} s")
        after = int(self.result_text("snippetNumber(new Object() { })"))
        # Once two snippets per line (compiled before and while running) and a variable $N per
        # line that every later snippet imports: quadratic in the lines, 95 s for this cell.
        self.assertLess(after - before, 20, "snippets compiled for a 501-line cell")
        # The lines still count as the cell's own: an error names its line.
        reply, _ = self.run_cell("counter += 1;\n" * 10 + "counter += undefinedName;\n" + "counter += 1;\n" * 10)
        self.assertEqual("error", reply["status"])
        self.assertIn("line 11", reply["traceback"][0])
        self.assertEqual("500", self.result_text("counter"), "nothing of the failed cell ran")

    def test_stop_button_ends_a_cell_while_it_compiles(self):
        self.assertEqual("2", self.result_text("1 + 1"))
        # Declarations cannot be joined: 1500 of them take minutes to compile, one by one.
        cell = "".join(f"int declared{i} = {i};\n" for i in range(1, 1501))
        msg_id = self.kc.execute(cell)
        time.sleep(3)
        start = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.reply_to(msg_id, timeout=90)
        kh.metric("stop button while a 1500-line cell compiles", f"{(time.monotonic() - start) * 1000:.0f} ms")
        self.drain_until_idle(msg_id)
        content = reply["content"]
        self.assertEqual("error", content["status"])
        self.assertEqual("InterruptedException", content["ename"])
        self.assertIn("stopped while compiling the cell, at line", "\n".join(content["traceback"]))
        reply, _ = self.run_cell("declared1")
        self.assertEqual("error", reply["status"], "a cell stopped while compiling keeps none of its declarations")
        self.assertEqual("3", self.result_text("1 + 2"))

    def test_is_complete_of_a_huge_cell_leaves_the_shell_free(self):
        self.assertEqual("2", self.result_text("1 + 1"))
        for lines in (5000, 20000):
            start = time.monotonic()
            msg_id = self.kc.is_complete("x += 1;\n" * lines)
            # Analysed snippet by snippet, each time over the whole rest: 20,000 lines took minutes.
            reply = self.reply_to(msg_id, timeout=60)
            kh.metric(f"is_complete of a {lines}-line cell", f"{(time.monotonic() - start) * 1000:.0f} ms")
            self.assertIn(reply["content"]["status"], ("complete", "unknown"))
        msg_id = self.kc.kernel_info()
        self.assertEqual("ok", self.reply_to(msg_id, timeout=30)["content"]["status"])
        self.assertEqual("complete", self.reply_to(self.kc.is_complete("int y = 1;\ny += 1;"), 30)["content"]["status"])
