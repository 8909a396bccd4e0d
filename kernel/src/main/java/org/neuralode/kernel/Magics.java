package org.neuralode.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IJava's magics: a line starting with {@code %} is a line magic, a cell starting with
 * {@code %%} is a cell magic; all other lines are Java.
 *
 * <ul>
 *   <li>{@code %jars glob...} and {@code %classpath path...}: add jars or folders to the session;</li>
 *   <li>{@code %load file}: run a Java source file (tries the name, then .jsh, .jshell, .java,
 *       .ijava, IJava's extension search);</li>
 *   <li>{@code %maven [--repository URL] [--timeout SECONDS] group:artifact:version...}: add an
 *       artifact with its dependencies, from the user's local Maven repository or Maven Central (or
 *       the repository named), through the {@code mvn} command; {@code %maven} alone prints its
 *       usage ({@link MavenResolver});</li>
 *   <li>{@code %time statement} and {@code %%time}: run and print the wall time;</li>
 *   <li>{@code %threads}: list the threads that cells started and that still run.</li>
 * </ul>
 */
final class Magics {

    private static final List<String> LOAD_EXTENSIONS = List.of("", ".jsh", ".jshell", ".java", ".ijava");

    private final NeuralOdeKernel kernel;

    Magics(NeuralOdeKernel kernel) {
        this.kernel = kernel;
    }

    Object runCell(String code, String cell) throws CellException {
        String trimmed = code.stripLeading();
        if (trimmed.startsWith("%%")) {
            int newline = trimmed.indexOf('\n');
            String header = newline < 0 ? trimmed.substring(2) : trimmed.substring(2, newline);
            String body = newline < 0 ? "" : trimmed.substring(newline + 1);
            List<String> words = split(header);
            String name = words.isEmpty() ? "" : words.get(0);
            if (name.equals("time")) {
                return timed(() -> kernel.evalJava(body, cell));
            }
            throw magicError("unknown cell magic %%" + name + " (available: %%time)");
        }
        Object value = JavaEvaluator.NO_VALUE;
        String[] lines = code.split("\n", -1);
        boolean[] magic = magicLines(lines);
        StringBuilder java = new StringBuilder();
        int javaStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (magic[i]) {
                if (!java.toString().isBlank()) {
                    value = kernel.evalJava(padded(javaStart, java), cell);
                }
                java.setLength(0);
                value = runLineMagic(line.stripLeading().substring(1), cell, i);
                javaStart = i + 1;
            } else {
                java.append(line).append('\n');
            }
        }
        if (!java.toString().isBlank()) {
            value = kernel.evalJava(padded(javaStart, java), cell);
        }
        return value;
    }

    /** The line magics' names, for telling {@code %time x} after an open expression from Java's remainder. */
    private static final List<String> LINE_MAGICS = List.of("jars", "classpath", "load", "maven", "threads", "time");

    /**
     * Which lines of a cell are line magics: a line starting with {@code %} at the start of a
     * logical line outside Java. A {@code %} line inside a text block, a comment or open brackets
     * is Java, and so is one that continues an unfinished expression ({@code int r = 10} then
     * {@code % 3;}), unless it names a magic ({@code %time ...}).
     */
    static boolean[] magicLines(String[] lines) {
        boolean[] magic = new boolean[lines.length];
        JavaState state = new JavaState();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.stripLeading();
            if (stripped.startsWith("%") && state.atTopLevel()
                    && (state.statementEnded() || namesMagic(stripped.substring(1)))) {
                magic[i] = true;
                state.reset();
            } else {
                state.scan(line);
            }
        }
        return magic;
    }

    private static boolean namesMagic(String afterPercent) {
        for (String name : LINE_MAGICS) {
            if (afterPercent.startsWith(name) && (afterPercent.length() == name.length()
                    || Character.isWhitespace(afterPercent.charAt(name.length())))) {
                return true;
            }
        }
        return false;
    }

    /** Just enough of Java's lexical structure to know where a logical line starts. */
    private static final class JavaState {
        private boolean inBlockComment;
        private boolean inTextBlock;
        private int depth;
        /** The last character outside comments and blanks, or 0 if none since the last magic. */
        private char last;

        boolean atTopLevel() {
            return !inBlockComment && !inTextBlock && depth == 0;
        }

        boolean statementEnded() {
            return last == 0 || last == ';' || last == '}';
        }

        void reset() {
            last = 0;
        }

        void scan(String line) {
            int n = line.length();
            int i = 0;
            while (i < n) {
                char ch = line.charAt(i);
                if (inBlockComment) {
                    if (line.startsWith("*/", i)) {
                        inBlockComment = false;
                        i += 2;
                    } else {
                        i++;
                    }
                } else if (inTextBlock) {
                    if (ch == '\\') {
                        i += 2;
                    } else if (line.startsWith("\"\"\"", i)) {
                        inTextBlock = false;
                        last = '"';
                        i += 3;
                    } else {
                        i++;
                    }
                } else if (line.startsWith("//", i)) {
                    return;
                } else if (line.startsWith("/*", i)) {
                    inBlockComment = true;
                    i += 2;
                } else if (line.startsWith("\"\"\"", i)) {
                    inTextBlock = true;
                    i += 3;
                } else if (ch == '"' || ch == '\'') {
                    i++;
                    while (i < n && line.charAt(i) != ch) {
                        i += line.charAt(i) == '\\' ? 2 : 1;
                    }
                    last = ch;
                    i++;
                } else {
                    if (ch == '(' || ch == '[' || ch == '{') {
                        depth++;
                    } else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) {
                        depth--;
                    }
                    if (!Character.isWhitespace(ch)) {
                        last = ch;
                    }
                    i++;
                }
            }
        }
    }

    /** Keeps line numbers in error messages equal to the cell's line numbers. */
    private static String padded(int firstLine, StringBuilder java) {
        return "\n".repeat(firstLine) + java;
    }

    private Object runLineMagic(String line, String cell, int lineIndex) throws CellException {
        List<String> words = split(line);
        if (words.isEmpty()) {
            throw magicError("empty magic: write %jars, %classpath, %load, %maven, %threads or %time");
        }
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        switch (name) {
            case "jars":
            case "classpath":
                for (String arg : args) {
                    List<Path> paths = resolveGlob(arg);
                    if (paths.isEmpty()) {
                        throw magicError("%" + name + ": nothing matches " + arg);
                    }
                    for (Path path : paths) {
                        kernel.evaluator().addToClasspath(path.toAbsolutePath().toString());
                    }
                }
                return JavaEvaluator.NO_VALUE;
            case "load":
                if (args.size() != 1) {
                    throw magicError("%load takes one file name");
                }
                return kernel.evalJava(readSource(args.get(0)), args.get(0));
            case "maven": {
                MavenResolver.Request request = MavenResolver.Request.parse(args);
                if (request.coordinates().isEmpty()) {
                    System.out.println(MavenResolver.USAGE);
                }
                for (String coordinates : request.coordinates()) {
                    for (String jar : MavenResolver.resolve(coordinates, request, kernel::stopReason)) {
                        kernel.evaluator().addToClasspath(jar);
                    }
                }
                return JavaEvaluator.NO_VALUE;
            }
            case "threads":
                listThreads();
                return JavaEvaluator.NO_VALUE;
            case "time": {
                String rest = line.stripLeading().substring(4);
                String padded = "\n".repeat(lineIndex) + rest;
                return timed(() -> kernel.evalJava(padded, cell));
            }
            default:
                throw magicError("unknown line magic %" + name
                        + " (available: %jars, %classpath, %load, %maven, %threads, %time)");
        }
    }

    /** Prints the threads that cells started and that still run; the stop button interrupts them. */
    private static void listThreads() {
        List<CellThreads.Running> running = CellThreads.running();
        if (running.isEmpty()) {
            System.out.println("no threads started by cells are running");
            return;
        }
        System.out.println(running.size() + (running.size() == 1 ? " thread" : " threads")
                + " started by cells still running (the stop button interrupts them):");
        for (CellThreads.Running r : running) {
            System.out.println("  " + r.describe());
        }
    }

    private interface Body {
        Object run() throws CellException;
    }

    private static Object timed(Body body) throws CellException {
        long start = System.nanoTime();
        try {
            return body.run();
        } finally {
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "Wall time: %.1f ms%n", ms);
        }
    }

    private static String readSource(String name) throws CellException {
        for (String extension : LOAD_EXTENSIONS) {
            Path path = Path.of(name + extension);
            if (Files.isRegularFile(path)) {
                try {
                    return Files.readString(path, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw magicError("%load: cannot read " + path + ": " + e.getMessage());
                }
            }
        }
        throw magicError("%load: no file " + name + " (also tried .jsh, .jshell, .java, .ijava) in "
                + Path.of("").toAbsolutePath());
    }

    /** Paths matching a glob in its last name element, e.g. {@code lib/*.jar}. */
    static List<Path> resolveGlob(String glob) throws CellException {
        Path path = Path.of(glob.replace('/', File.separatorChar));
        String last = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!last.contains("*") && !last.contains("?") && !last.contains("[") && !last.contains("{")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Path folder = path.getParent() == null ? Path.of("") : path.getParent();
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder.toAbsolutePath(), last)) {
            entries.forEach(matches::add);
        } catch (IOException e) {
            throw magicError("cannot list " + folder + ": " + e.getMessage());
        }
        matches.sort(null);
        return matches;
    }

    static CellException magicError(String message) {
        return CellException.of("MagicException", message);
    }

    /** Splits a magic's argument line at blanks, honouring single and double quotes. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char ch : line.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
