package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A literal too large for a class file (a pasted CSV in a string, a huge array literal) fails its
 * cell, and only its cell: the session keeps working.
 */
class ClassFileLimitTest {

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

    private static void failsAndLeavesTheSessionWorking(String cell, String limit) throws CellException {
        CellException e = assertThrows(CellException.class, () -> evaluator.eval(cell, "In [1]"));
        assertTrue(e.evalue().contains(limit), e.evalue());
        assertTrue(String.join("\n", e.traceback()).contains("Read the data from a file"), e.traceback().toString());
        assertEquals(2, evaluator.eval("1 + 1", "In [2]"));
        assertEquals(42, evaluator.eval("int kept = 41;\nkept + 1", "In [3]"));
        assertThrows(CellException.class, () -> evaluator.eval("after", "In [4]"), "nothing of the failed cell is kept");
    }

    @Test
    void aStringLiteralOver64KiloBytes() throws CellException {
        failsAndLeavesTheSessionWorking("String csv = \"" + "a".repeat(70_000) + "\";", "constant string too long");
    }

    @Test
    void aTextBlockOver64KiloBytesAmongOtherStatements() throws CellException {
        failsAndLeavesTheSessionWorking("int before = 1;\nString csv = \"\"\"\n" + "b".repeat(70_000) + "\n\"\"\";\nint after = 2;",
                "constant string too long");
    }

    @Test
    void anArrayLiteralOf200000Elements() throws CellException {
        failsAndLeavesTheSessionWorking("int[] many = {" + "1,".repeat(200_000) + "};", "code too large");
    }
}
