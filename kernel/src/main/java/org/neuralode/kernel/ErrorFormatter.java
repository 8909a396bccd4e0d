package org.neuralode.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns JShell's failures into tracebacks a student can read: runtime exceptions show the user's
 * exception class and only the frames of the user's code (the kernel's and JShell's own frames
 * are cut off); compile errors show the offending line with the error position marked.
 *
 * <p>JShell compiles each snippet into a class named {@code REPL.$JShell$N} whose source file is
 * {@code #N}; we map the snippet id N back to the cell and line it came from.
 */
final class ErrorFormatter {

    /** The longest source line a compile error echoes whole; longer lines are cut around the error. */
    static final int MAX_SHOWN_LINE = 200;

    private static final String RED = "\u001b[0;31m";
    private static final String GREEN = "\u001b[0;32m";
    private static final String BOLD_RED = "\u001b[1;31m";
    private static final String RESET = "\u001b[0m";

    /** A traceback's first line: the error's name in bold red, then its message ({@code ename: message}). */
    static String headline(String ename, String message) {
        return BOLD_RED + ename + RESET + ": " + message;
    }

    /** Where a snippet came from: the cell's label (e.g. "In [3]") and its first line there. */
    record Origin(String cell, int firstLine) {
    }

    /** A compile error: positions in the snippet's source and the compiler's message. */
    record Problem(long startPosition, long position, long endPosition, String message) {
    }

    static List<Problem> problems(List<Diag> diagnostics) {
        List<Problem> problems = new ArrayList<>();
        for (Diag diag : diagnostics) {
            if (diag.isError()) {
                problems.add(new Problem(diag.getStartPosition(), diag.getPosition(), diag.getEndPosition(),
                        diag.getMessage(null)));
            }
        }
        return problems;
    }

    private final Map<String, Origin> originBySnippetId = new ConcurrentHashMap<>();

    void remember(Snippet snippet, String cell, int firstLine) {
        originBySnippetId.put(snippet.id(), new Origin(cell, firstLine));
    }

    CellException runtimeError(Throwable exception) {
        String ename;
        if (exception instanceof EvalException eval) {
            ename = eval.getExceptionClassName();
        } else if (exception instanceof UnresolvedReferenceException unresolved) {
            return unresolved(unresolved.getSnippet());
        } else {
            ename = exception.getClass().getName();
        }
        String evalue = exception.getMessage() == null ? "" : exception.getMessage();
        List<String> lines = new ArrayList<>();
        appendThrowable(lines, exception, ename, "");
        return new CellException(ename, evalue, lines);
    }

    /** A snippet that calls a declaration which cannot run until what it uses is declared. */
    static CellException unresolved(Snippet snippet) {
        String ename = "UnresolvedReferenceException";
        return new CellException(ename, "cannot run " + snippet.source().strip()
                + " until its missing declarations are defined",
                List.of(headline(ename, snippet.source().strip())));
    }

    private void appendThrowable(List<String> lines, Throwable t, String className, String prefix) {
        String message = t.getMessage();
        lines.add(prefix + BOLD_RED + className + RESET + (message == null ? "" : ": " + message));
        for (StackTraceElement frame : userFrames(t.getStackTrace())) {
            lines.add("    at " + describe(frame));
        }
        Throwable cause = t.getCause();
        if (cause != null && cause != t) {
            String causeName = cause instanceof EvalException eval
                    ? eval.getExceptionClassName() : cause.getClass().getName();
            appendThrowable(lines, cause, causeName, "Caused by: ");
        }
    }

    /** The frames down to the cell's own code; the frames below it are the kernel's machinery. */
    static List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        List<StackTraceElement> user = new ArrayList<>();
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith("org.neuralode.kernel.")
                    || frame.getClassName().startsWith("org.dflib.jjava.")
                    || frame.getClassName().startsWith("jdk.jshell.")) {
                break;
            }
            user.add(frame);
            if (frame.getClassName().startsWith("REPL.") && frame.getMethodName().equals("do_it$")) {
                break;
            }
        }
        // Reflection frames between the cell and the cut carry no information for the user.
        while (!user.isEmpty() && isReflection(user.get(user.size() - 1))) {
            user.remove(user.size() - 1);
        }
        return user;
    }

    private static boolean isReflection(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.");
    }

    private String describe(StackTraceElement frame) {
        String file = frame.getFileName();
        // JShell reports a snippet's frames with an empty class name and the file "#<snippet id>".
        if (file != null && file.startsWith("#")) {
            Origin origin = originBySnippetId.get(file.substring(1));
            String method = frame.getMethodName();
            if (method.isEmpty() || method.equals("do_it$")) {
                method = "<cell>";
            } else if (method.startsWith("lambda$")) {
                method = "<lambda>";
            }
            String clazz = frame.getClassName().replaceFirst("^REPL\\.\\$JShell\\$\\d+[A-Za-z]*\\$?", "");
            String where = origin == null
                    ? file + ":" + frame.getLineNumber()
                    : origin.cell() + ", line " + (origin.firstLine() + frame.getLineNumber() - 1);
            return GREEN + (clazz.isEmpty() ? "" : clazz + ".") + method + RESET + " (" + where + ")";
        }
        return frame.toString();
    }

    /**
     * A compile error: each diagnostic with the offending line and a caret run under the
     * erroneous span.
     *
     * @param source    the snippet's source as JShell compiled it
     * @param cell      the cell's label
     * @param firstLine the cell line on which the snippet starts
     */
    CellException compileError(String source, List<Problem> problems, String cell, int firstLine) {
        List<String> lines = new ArrayList<>();
        String firstMessage = null;
        for (Problem diag : problems) {
            String message = diag.message();
            if (firstMessage == null) {
                firstMessage = message;
            }
            int position = (int) Math.max(0, Math.min(diag.position(), source.length()));
            int start = (int) Math.max(0, Math.min(diag.startPosition(), source.length()));
            int end = (int) Math.max(start, Math.min(diag.endPosition(), source.length()));
            if (diag.startPosition() < 0) {
                start = position;
                end = position;
            }
            int lineStart = source.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
            if (position == 0) {
                lineStart = 0;
            }
            int lineEnd = source.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = source.length();
            }
            int lineNumber = firstLine + countNewlines(source, lineStart);
            lines.add(headline("CompilationException", cell + ", line " + lineNumber + ": " + message));
            String line = source.substring(lineStart, lineEnd);
            int from = Math.max(start, lineStart) - lineStart;
            int to = Math.min(Math.max(end, position + 1), lineEnd) - lineStart;
            if (to <= from) {
                to = from + 1;
            }
            if (line.length() > MAX_SHOWN_LINE) {
                // A pasted megabyte line would flood the front end: show a window around the error.
                int windowStart = Math.max(0, Math.min(from - MAX_SHOWN_LINE / 4, line.length() - MAX_SHOWN_LINE));
                int windowEnd = windowStart + MAX_SHOWN_LINE;
                String head = windowStart > 0 ? "…" : "";
                lines.add("    " + head + line.substring(windowStart, windowEnd) + (windowEnd < line.length() ? "…" : ""));
                int caretFrom = Math.max(0, from - windowStart) + head.length();
                int caretTo = Math.min(windowEnd, Math.max(to, from + 1)) - windowStart + head.length();
                lines.add("    " + " ".repeat(caretFrom) + RED + "^".repeat(Math.max(1, caretTo - caretFrom)) + RESET);
                lines.add("    (this line is " + line.length() + " characters long; shown: characters "
                        + (windowStart + 1) + " to " + windowEnd + ")");
            } else {
                lines.add("    " + line);
                lines.add("    " + " ".repeat(from) + RED + "^".repeat(to - from) + RESET);
            }
        }
        if (firstMessage == null) {
            firstMessage = "the code could not be compiled";
            lines.add(headline("CompilationException", cell + ", line " + firstLine + ": " + firstMessage));
            String shown = source.strip();
            lines.add("    " + (shown.length() > MAX_SHOWN_LINE ? shown.substring(0, MAX_SHOWN_LINE) + "…" : shown));
        }
        return new CellException("CompilationException", firstMessage, lines);
    }

    private static int countNewlines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
