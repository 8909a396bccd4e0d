"""The kernel against jupyter_kernel_test (Debian's python3-jupyter-kernel-test): Java samples
for every test the package has."""
import unittest

import jupyter_kernel_test

import kernel_helpers as kh

kh.use_built_kernelspec()


class JavaKernelConformanceTest(jupyter_kernel_test.KernelTests):
    kernel_name = kh.KERNEL_NAME
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
    supported_history_operations = ("tail", "range", "search")

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


if __name__ == "__main__":
    unittest.main()
