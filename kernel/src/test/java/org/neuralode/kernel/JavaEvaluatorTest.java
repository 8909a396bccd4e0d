package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One JShell for the class: starting one takes a second. */
class JavaEvaluatorTest {

    private static JavaEvaluator evaluator;

    @BeforeAll
    static void start() {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        evaluator = new JavaEvaluator(sink, sink);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void lastExpressionIsReturnedAsAnObject() throws CellException {
        Object value = evaluator.eval("int n = 4;\nn * n", "test");
        assertEquals(16, value);
        assertSame(JavaEvaluator.NO_VALUE, evaluator.eval("int m = 1;", "test"));
    }

    @Test
    void defaultImportsCoverTablesawAndTheLibrary() throws CellException {
        assertTrue(evaluator.imports().contains("import tech.tablesaw.api.*;"));
        assertTrue(JavaEvaluator.neuralodePackages().contains("org.neuralode"));
        assertEquals(3, ((double[]) evaluator.eval("Grids.linspace(0, 1, 3)", "test")).length);
    }

    @Test
    void completionCountsCodePointsAsTheProtocolDoes() {
        // "\uD83D\uDE00" is one code point (an emoji) in two UTF-16 units
        String code = "String face = \"\uD83D\uDE00\"; Math.ma";
        int end = code.codePointCount(0, code.length());
        org.dflib.jjava.jupyter.kernel.ReplacementOptions options = Completion.complete(evaluator.analysis(), code, end);
        assertEquals(end - 2, options.getSourceStart());
        assertEquals(end, options.getSourceEnd());
        assertTrue(options.getReplacements().contains("max("), options.getReplacements().toString());
    }

    @Test
    void compileErrorNamesTheCellLine() {
        CellException e = assertThrows(CellException.class,
                () -> evaluator.eval("int a = 1;\n\nString s = a;", "In [7]"));
        assertEquals("CompilationException", e.ename());
        assertTrue(e.traceback().get(0).contains("In [7], line 3"), e.traceback().get(0));
    }

    @Test
    void aCellsOutOfMemoryErrorReleasesTheReserveAndSaysWhatToDo() {
        assertTrue(HeapReserve.refill());
        CellException e = assertThrows(CellException.class,
                () -> evaluator.eval("long[] tooLarge = new long[Integer.MAX_VALUE - 8];", "test"));
        assertEquals("java.lang.OutOfMemoryError", e.ename());
        assertTrue(e.evalue().contains("the session and its variables are kept"), e.evalue());
        assertFalse(HeapReserve.held(), "released on the cell's thread, for the kernel's work that follows");
        assertTrue(HeapReserve.refill());
    }

    @Test
    void runtimeErrorCarriesTheUserExceptionClass() {
        CellException e = assertThrows(CellException.class,
                () -> evaluator.eval("Integer.parseInt(\"x\")", "test"));
        assertEquals("java.lang.NumberFormatException", e.ename());
        assertTrue(e.traceback().stream().noneMatch(l -> l.contains("jdk.jshell") || l.contains("org.neuralode.kernel")));
    }

    @Test
    void isCompleteMapsJShellsAnswers() {
        assertEquals("complete", evaluator.isComplete("int x = 1;"));
        assertEquals("    ", evaluator.isComplete("for (int i = 0; i < 2; i++) {"));
        assertEquals("invalid", evaluator.isComplete(")"));
    }

    @Test
    void aCompileErrorLeavesTheWholeCellUnrun() throws CellException {
        evaluator.eval("int counter = 0;", "test");
        CellException e = assertThrows(CellException.class,
                () -> evaluator.eval("counter++;\nint later = 5;\nString s = counter;", "In [2]"));
        assertTrue(e.traceback().get(0).contains("In [2], line 3"), e.traceback().get(0));
        assertEquals(0, evaluator.eval("counter", "test"));
        assertThrows(CellException.class, () -> evaluator.eval("later", "test"), "declarations of a failed cell are dropped");
    }

    @Test
    void aCellEndingInADeclarationHasNoValue() throws CellException {
        assertSame(JavaEvaluator.NO_VALUE, evaluator.eval("1 + 1;\nint twice(int v) { return 2 * v; }", "test"));
        assertEquals(4, evaluator.eval("int w = 2;\ntwice(w)", "test"));
    }
}
