package org.neuralode.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Tab completion and Shift-Tab inspection, from JShell's source analysis. */
final class Completion {

    private Completion() {
    }

    /**
     * Completions at {@code at}. The messaging spec counts {@code cursor_pos}, {@code cursor_start}
     * and {@code cursor_end} in Unicode code points; Java's strings in UTF-16 units, which differ
     * after a character outside the Basic Multilingual Plane (an emoji): both ways are converted.
     */
    static ReplacementOptions complete(SourceCodeAnalysis analysis, String code, int at) {
        int cursor = utf16Index(code, at);
        int[] anchor = {cursor};
        List<Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        Set<String> matching = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (Suggestion suggestion : suggestions) {
            (suggestion.matchesType() ? matching : others).add(suggestion.continuation());
        }
        List<String> all = new ArrayList<>(matching);
        all.addAll(others);
        return new ReplacementOptions(all, code.codePointCount(0, anchor[0]), code.codePointCount(0, cursor));
    }

    /** The UTF-16 index of the {@code codePoints}-th code point of {@code code} (clamped to the code). */
    static int utf16Index(String code, int codePoints) {
        int count = code.codePointCount(0, code.length());
        return code.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, count)));
    }

    /**
     * Documentation for the name at the cursor. JShell only documents a method when the cursor
     * stands inside its call's parentheses, so for a bare name we also ask about {@code name(}.
     * JShell finds Javadoc only in the JDK's src.zip; for the library's classes it comes from
     * {@code sources}. Either is shown as plain text under its signature.
     */
    static DisplayData inspect(SourceCodeAnalysis analysis, LibrarySources sources, String code, int at, boolean detail) {
        int cursor = Math.max(0, Math.min(at, code.length()));
        List<Documentation> docs = analysis.documentation(code, cursor, true);
        if (docs.isEmpty()) {
            int end = cursor;
            while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
                end++;
            }
            String probe = code.substring(0, end) + "(";
            docs = analysis.documentation(probe, probe.length(), true);
        }
        StringBuilder text = new StringBuilder();
        for (Documentation doc : docs) {
            text.append(doc.signature()).append('\n');
            String javadoc = doc.javadoc() != null && !doc.javadoc().isBlank()
                    ? doc.javadoc() : sources.javadoc(doc.signature());
            String plain = JavadocText.plain(javadoc);
            if (!plain.isEmpty()) {
                text.append(plain).append("\n");
            }
            text.append('\n');
        }
        if (text.length() == 0) {
            String expression = expressionAt(code, cursor);
            if (!expression.isEmpty()) {
                String type = analysis.analyzeType(expression, expression.length());
                if (type != null && !type.isBlank()) {
                    text.append(expression).append(" : ").append(type).append('\n');
                }
            }
        }
        if (text.length() == 0) {
            return null;
        }
        return new DisplayData(text.toString().strip());
    }

    /**
     * IPython's help syntax: a cell that is only {@code name?} (e.g. {@code Math.max?}) asks for
     * that name's documentation in the pager. Returns the name, or null for ordinary code.
     */
    static String helpRequest(String code) {
        String text = code.strip();
        if (text.length() < 2 || !text.endsWith("?") || text.contains("\n")) {
            return null;
        }
        String name = text.substring(0, text.length() - 1).strip();
        return name.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*") ? name : null;
    }

    /** The dotted name that the cursor stands in or right after, e.g. {@code a.b} in "x(a.b|)". */
    private static String expressionAt(String code, int cursor) {
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        int start = Math.min(cursor, end);
        while (start > 0 && (Character.isJavaIdentifierPart(code.charAt(start - 1)) || code.charAt(start - 1) == '.')) {
            start--;
        }
        return code.substring(start, end);
    }
}
