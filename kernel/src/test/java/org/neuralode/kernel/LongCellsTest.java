package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cells of hundreds of lines (issue 27): runs of plain statements compile as one block, with the
 * cell's values, lines and errors unchanged; the split of a long cell is the same as JShell's; a
 * stop takes effect between two snippets while the cell compiles.
 */
class LongCellsTest {

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

    private static String lines(int n, String line) {
        return (line + "\n").repeat(n);
    }

    @Test
    void plainStatementsAreRecognisedByParsingAlone() {
        List<String> sources = List.of("x += 1;", "System.out.println(x);", "for (int i = 0; i < 3; i++) { x++; }",
                "int y = 2;", "class A { }", "record R(int a) { }", "int f() { return 1; }", "x + 1",
                "import java.util.*;", "public static int z = 1;", "if (x > 0) x--; else x++;", ";",
                "var list = new ArrayList<Integer>();", "list.add(3); // a comment", "x++");
        boolean[] plain = PlainStatements.of(sources);
        boolean[] expected = {true, true, true, false, false, false, false, false, false, false, true, false,
                false, true, false};
        for (int i = 0; i < sources.size(); i++) {
            assertEquals(expected[i], plain[i], sources.get(i));
        }
    }

    @Test
    void aRunOfStatementsCompilesOnceAndKeepsItsValue() throws CellException {
        evaluator.eval("int count = 0;", "test");
        long snippetsBefore = evaluator.shell().snippets().count();
        Object value = evaluator.eval(lines(300, "count += 1;") + "count", "test");
        assertEquals(300, value);
        long added = evaluator.shell().snippets().count() - snippetsBefore;
        // Once one snippet per line (and a variable $N per line, which every later snippet imports).
        assertTrue(added < 10, "snippets added by a 301-line cell: " + added);
    }

    @Test
    void declarationsBetweenStatementsStayInTheSession() throws CellException {
        Object value = evaluator.eval("int u = 1;\nu += 1;\nu += 1;\nint v = u * 10;\nv += 1;\nv += 1;\n"
                + "String w() { return \"w\" + v; }\nv += 1;\nv += 1;\nw()", "test");
        assertEquals("w34", value);
        assertEquals(34, evaluator.eval("v", "test"));
    }

    @Test
    void aCompileErrorInARunNamesItsOwnLine() {
        String cell = "int e = 0;\n" + lines(5, "e += 1;") + "e += undefinedName;\n" + lines(5, "e += 1;") + "e";
        CellException error = assertThrows(CellException.class, () -> evaluator.eval(cell, "In [4]"));
        assertEquals("CompilationException", error.ename());
        assertTrue(error.traceback().get(0).contains("In [4], line 7"), error.traceback().get(0));
        assertEquals("    e += undefinedName;", error.traceback().get(1), "the cell's line, without the block's brace");
    }

    @Test
    void anExceptionInARunNamesItsOwnLine() {
        String cell = "int[] cells = new int[1];\n" + lines(4, "cells[0]++;") + "cells[5]++;\n"
                + lines(4, "cells[0]++;") + "cells[0]";
        CellException error = assertThrows(CellException.class, () -> evaluator.eval(cell, "In [5]"));
        assertEquals("java.lang.ArrayIndexOutOfBoundsException", error.ename());
        assertTrue(error.traceback().stream().anyMatch(l -> l.contains("In [5], line 6")), error.traceback().toString());
    }

    @Test
    void statementsAfterAThrowRunAsTheyDidUnjoined() throws CellException {
        // Joined, "t += 1;" after the throw would be an unreachable statement, a compile error.
        CellException error = assertThrows(CellException.class, () -> evaluator.eval(
                "int t = 0;\nt += 1;\nthrow new IllegalStateException(\"thrown\");\nt += 1;\nt += 1;\nt", "test"));
        assertEquals("java.lang.IllegalStateException", error.ename());
        assertEquals(1, evaluator.eval("t", "test"));
    }

    @Test
    void exceptionsOfCompiledSnippetsNameTheirCellsAndLines() throws CellException {
        evaluator.eval("int failing(int k) {\n    if (k > 2) throw new IllegalArgumentException(\"k=\" + k);\n"
                + "    return k;\n}", "In [1]");
        CellException error = assertThrows(CellException.class, () -> evaluator.eval(
                "int k1 = failing(1);\nint k2 = failing(2);\nint k3 = failing(3);\nk3", "In [2]"));
        assertEquals("java.lang.IllegalArgumentException", error.ename());
        String said = String.join("\n", error.traceback()).replaceAll("\u001b\\[[;\\d]*m", "");
        assertTrue(said.contains("failing (In [1], line 2)") && said.contains("<cell> (In [2], line 3)"), said);
        assertEquals(2, evaluator.eval("k2", "test"), "the lines before the exception ran");
    }

    @Test
    void aCallOfAnIncompleteMethodSaysWhatIsMissing() {
        CellException error = assertThrows(CellException.class, () -> evaluator.eval(
                "void incomplete() { notYetDeclared(); }\nint before = 1;\nincomplete();\nbefore", "test"));
        assertEquals("UnresolvedReferenceException", error.ename());
        assertTrue(error.evalue().contains("incomplete()"), error.evalue());
    }

    @Test
    void aLongCellSplitsAsJShellSplitsIt() throws CellException {
        // Statements that run over many lines, across the analysis' first windows: a text block,
        // a chained call continued on the next lines, an if with its else on a later line.
        assertEquals(40 * (6 + "line one\nline two;\n".length()), evaluator.eval(longCell(40), "test"));
        // (is_complete costs about a millisecond per snippet, within its budget for 20 repeats)
        assertEquals("complete", evaluator.isComplete(longCell(20)));
        assertEquals("    ", evaluator.isComplete(longCell(20) + ";\nif (total > 0) {"));
    }

    private static String longCell(int repeats) {
        StringBuilder cell = new StringBuilder("int total = 0;\n");
        for (int i = 0; i < repeats; i++) {
            cell.append("String text").append(i).append(" = \"\"\"\n    line one\n    line two;\n    \"\"\";\n");
            cell.append("total += List.of(1, 2, 3)\n    .stream()\n    .mapToInt(k -> k)\n    .sum();\n");
            cell.append("if (total < 0)\n    total = -1;\n// a comment between\nelse\n    total += text").append(i)
                    .append(".length();\n");
        }
        return cell.append("total").toString();
    }

    @Test
    void isCompleteOfAVeryLongCellAnswers() {
        String answer = evaluator.isComplete(lines(20_000, "x += 1;"));
        assertTrue(answer.equals("complete") || answer.equals("unknown"), answer);
    }

    @Test
    void aStopTakesEffectBetweenSnippetsWhileTheCellCompiles() throws Exception {
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i <= 1500; i++) {
            cell.append("int stopped").append(i).append(" = ").append(i).append(";\n");
        }
        CompletableFuture<CellException> run = CompletableFuture.supplyAsync(() -> {
            try {
                evaluator.eval(cell.toString(), "In [9]");
                return null;
            } catch (CellException e) {
                return e;
            }
        });
        Thread.sleep(2000);
        evaluator.stop(CellException.interrupted());
        // 1500 declarations take minutes to compile; the stop ends the cell at the next snippet.
        CellException stopped = run.get(120, TimeUnit.SECONDS);
        assertNotNull(stopped, "the cell ran to its end");
        assertEquals("InterruptedException", stopped.ename());
        String said = String.join("\n", stopped.traceback());
        assertTrue(said.contains("stopped while compiling the cell, at line ") && said.contains(" of 1500"), said);
        CellException gone = assertThrows(CellException.class, () -> evaluator.eval("stopped1", "test"));
        assertEquals("CompilationException", gone.ename(), "none of the stopped cell's declarations is kept");
        assertFalse(evaluator.shell().variables().anyMatch(v -> v.name().startsWith("stopped")));
    }
}
