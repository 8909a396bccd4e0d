package org.neuralode.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.SnippetWrapper;

/**
 * Writes the stack frames of a snippet's exception as JShell reports them: a frame in the class
 * JShell wrapped snippet N in ({@code REPL.$JShell$N...}, with the line of the wrapper's source)
 * becomes a frame in file {@code #N} with the line of the snippet's own source, which is what
 * {@link ErrorFormatter} maps back to the cell. JShell does this itself for the snippets it runs;
 * this is for the snippets the kernel runs from their compiled code ({@code JavaEvaluator.runCompiled}).
 * It uses only JShell's public wrapper API ({@link SourceCodeAnalysis#wrapper}).
 */
final class SnippetFrames {

    private final Map<String, Snippet> snippetByClass = new HashMap<>();
    private final Map<String, SnippetWrapper> wrapperByClass = new HashMap<>();

    SnippetFrames(JShell shell, SourceCodeAnalysis analysis) {
        shell.snippets().forEach(snippet -> {
            try {
                SnippetWrapper wrapper = analysis.wrapper(snippet);
                String name = wrapper.fullClassName();
                if (name != null && !name.endsWith("DOESNOTMATTER")) {
                    snippetByClass.put(name, snippet);
                    wrapperByClass.put(name, wrapper);
                }
            } catch (RuntimeException ignored) {
                // a snippet without a wrapper (never compiled) has no frames
            }
        });
    }

    /** {@code thrown} and its causes, with their snippets' frames written as JShell writes them. */
    Throwable translate(Throwable thrown) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < frames.length; i++) {
                frames[i] = translate(frames[i]);
            }
            t.setStackTrace(frames);
        }
        return thrown;
    }

    private StackTraceElement translate(StackTraceElement frame) {
        String name = frame.getClassName();
        int nested = name.indexOf('$', "REPL.$JShell$".length());
        String outer = name.startsWith("REPL.$JShell$") && nested > 0 ? name.substring(0, nested) : name;
        SnippetWrapper wrapper = wrapperByClass.get(outer);
        if (wrapper == null || frame.getLineNumber() <= 0) {
            return frame;
        }
        int line = snippetLine(wrapper, frame.getLineNumber());
        return line <= 0 ? frame
                : new StackTraceElement(name, frame.getMethodName(), "#" + snippetByClass.get(outer).id(), line);
    }

    /**
     * The line of the snippet's source that is on line {@code wrappedLine} of its wrapper: the
     * line of the first character of the source that the wrapper puts on that line (the wrapper
     * keeps the source's characters, moved and with code of JShell's between), counted from the
     * source's first line that is not blank, as JShell counts; or 0.
     */
    static int snippetLine(SnippetWrapper wrapper, int wrappedLine) {
        String wrapped = wrapper.wrapped();
        List<Integer> newlines = new ArrayList<>();
        for (int i = 0; i < wrapped.length(); i++) {
            if (wrapped.charAt(i) == '\n') {
                newlines.add(i);
            }
        }
        String source = wrapper.source();
        int line = 1;
        // as JShell counts: from the source's first line that is not blank
        int first = 0;
        while (first < source.length() && Character.isWhitespace(source.charAt(first))) {
            first++;
        }
        for (int p = first; p < source.length(); p++) {
            char c = source.charAt(p);
            if (c == '\n') {
                line++;
            } else if (!Character.isWhitespace(c)) {
                int at = wrapper.sourceToWrappedPosition(p);
                if (at >= 0 && lineOf(newlines, at) == wrappedLine) {
                    return line;
                }
            }
        }
        return 0;
    }

    /** The line (from 1) of a position, given the positions of the text's newlines in order. */
    private static int lineOf(List<Integer> newlines, int position) {
        int found = Collections.binarySearch(newlines, position);
        return 1 + (found >= 0 ? found : -found - 1);
    }
}
