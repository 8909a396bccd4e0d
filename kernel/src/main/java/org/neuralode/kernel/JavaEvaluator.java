package org.neuralode.kernel;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Evaluates Java cells with JShell: splits a cell into snippets, runs them one after another,
 * and reports the value of a trailing expression, compile errors and exceptions.
 */
final class JavaEvaluator implements AutoCloseable {

    /** Returned by {@link #eval} when the cell does not end in an expression with a value. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "NO_VALUE";
        }
    };

    /** Imported in every session, so that a notebook needs no set-up cell. */
    static final List<String> STANDARD_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.io.*",
            "java.nio.file.*", "tech.tablesaw.api.*", "tech.tablesaw.plotly.components.*",
            "tech.tablesaw.plotly.api.*");

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final ErrorFormatter errors = new ErrorFormatter();
    private final List<String> imports = new ArrayList<>();
    /** Why the running cell is being stopped (the stop button, the heap guard), or null. */
    private volatile CellException stopReason;

    JavaEvaluator(PrintStream out, PrintStream err) {
        this.shell = JShell.builder()
                .executionEngine(new ResultCapturingExecutionControlProvider(), Map.of())
                .out(out)
                .err(err)
                .build();
        this.analysis = shell.sourceCodeAnalysis();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
            }
        }
        List<String> wanted = new ArrayList<>(STANDARD_IMPORTS);
        for (String pkg : neuralodePackages()) {
            wanted.add(pkg + ".*");
        }
        for (String pkg : wanted) {
            importQuietly("import " + pkg + ";");
        }
        importQuietly("import static org.neuralode.kernel.Notebook.*;");
        warmUp();
    }

    /** Runs the compiler and the analyser once, so that the first cell does not pay for it. */
    private void warmUp() {
        analysis.analyzeCompletion("Math.max(1, 2)");
        analysis.completionSuggestions("Math.", 5, new int[1]);
        for (SnippetEvent event : shell.eval("int neuralode$warmUp() { return 1 + 1; }")) {
            shell.drop(event.snippet());
        }
    }

    private void importQuietly(String statement) {
        List<SnippetEvent> events = shell.eval(statement);
        if (events.stream().allMatch(e -> e.status() == Snippet.Status.VALID)) {
            imports.add(statement);
        }
    }

    /** The import statements every cell sees. */
    List<String> imports() {
        return List.copyOf(imports);
    }

    /**
     * The library's packages that hold classes at kernel start; an import of an empty package
     * would be an error, and the library grows while the notebooks are written.
     */
    static Set<String> neuralodePackages() {
        Set<String> packages = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path root = path.resolve("org/neuralode");
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        files.filter(f -> f.toString().endsWith(".class"))
                                .map(f -> path.relativize(f.getParent()).toString()
                                        .replace(File.separatorChar, '.'))
                                .forEach(packages::add);
                    } catch (IOException ignored) {
                        // An unreadable folder contributes no imports.
                    }
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (ZipFile jar = new ZipFile(path.toFile())) {
                    jar.stream().map(ZipEntry::getName)
                            .filter(n -> n.startsWith("org/neuralode/") && n.endsWith(".class"))
                            .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                            .forEach(packages::add);
                } catch (IOException ignored) {
                    // An unreadable jar contributes no imports.
                }
            }
        }
        packages.removeIf(p -> p.equals("org.neuralode.kernel") || p.startsWith("org.neuralode.kernel."));
        return packages;
    }

    void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /**
     * Runs a cell.
     *
     * @param code the cell's source
     * @param cell the cell's label for error messages, e.g. "In [3]"
     * @return the value of the cell's last snippet if it is an expression, else {@link #NO_VALUE}
     * @throws CellException for a compile error, an exception or an interrupt
     */
    Object eval(String code, String cell) throws CellException {
        stopReason = null;
        CellThreads.cellStarts(cell);
        Object value = NO_VALUE;
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            int offset = code.length() - remaining.length();
            int firstLine = 1 + countLines(code, offset + leadingWhitespace(remaining));
            if (!info.completeness().isComplete()) {
                if (info.completeness() == Completeness.EMPTY) {
                    break;
                }
                throw errors.compileError(remaining.strip(), compileDiagnostics(remaining), cell, firstLine);
            }
            value = evalSnippet(info.source(), cell, firstLine);
            remaining = info.remaining();
        }
        return value;
    }

    /** Asks the compiler for the errors of incomplete code (JShell reports none on its own). */
    private List<ErrorFormatter.Problem> compileDiagnostics(String source) {
        List<SnippetEvent> events = shell.eval(source);
        List<ErrorFormatter.Problem> problems = new ArrayList<>();
        for (SnippetEvent event : events) {
            problems.addAll(ErrorFormatter.problems(shell.diagnostics(event.snippet()).toList()));
        }
        if (problems.isEmpty()) {
            int end = source.strip().length();
            problems.add(new ErrorFormatter.Problem(end, end, end,
                    "incomplete statement: a bracket, brace or semicolon is missing"));
        }
        return problems;
    }

    private Object evalSnippet(String source, String cell, int firstLine) throws CellException {
        ResultCapturingExecutionControl.takeLastValue();
        List<SnippetEvent> events = shell.eval(source);
        CellException stopped = stopReason;
        if (stopped != null) {
            throw stopped;
        }
        Object value = NO_VALUE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            errors.remember(snippet, cell, firstLine);
            if (event.status() == Snippet.Status.REJECTED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                List<Diag> diagnostics = shell.diagnostics(snippet).toList();
                // firstLine counts from the snippet's first non-blank line; its source may start blank.
                String snippetSource = snippet.source();
                int sourceFirstLine = firstLine - countLines(snippetSource, leadingWhitespace(snippetSource));
                throw errors.compileError(snippetSource, ErrorFormatter.problems(diagnostics), cell, sourceFirstLine);
            }
            if (event.exception() != null) {
                throw withMemoryHint(errors.runtimeError(event.exception()));
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    && snippet instanceof jdk.jshell.DeclarationSnippet declaration) {
                // As jshell does: the declaration exists but cannot run until its references do.
                List<String> missing = shell.unresolvedDependencies(declaration).toList();
                System.err.println("note: " + declaration.name() + " is defined, but it cannot be used until "
                        + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " declared");
            }
            if (hasValue(snippet)) {
                value = ResultCapturingExecutionControl.takeLastValue();
            }
        }
        return value;
    }

    /** An {@code OutOfMemoryError} says how large the kernel's heap is and what to do. */
    private static CellException withMemoryHint(CellException error) {
        if (!error.ename().endsWith("OutOfMemoryError")) {
            return error;
        }
        List<String> traceback = new ArrayList<>(error.traceback());
        String evalue = error.evalue() + HeapGuard.outOfMemoryHint();
        traceback.set(0, traceback.get(0) + HeapGuard.outOfMemoryHint());
        return new CellException(error.ename(), evalue, traceback);
    }

    private static boolean hasValue(Snippet snippet) {
        Snippet.SubKind kind = snippet.subKind();
        return kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || kind == Snippet.SubKind.VAR_VALUE_SUBKIND
                || kind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND;
    }

    /** Stops the running snippet (the stop button, the heap guard); the cell fails with {@code reason}. */
    void stop(CellException reason) {
        stopReason = reason;
        shell.stop();
    }

    /**
     * Jupyter's is_complete, in the base library's convention: "complete", "invalid", or for
     * incomplete code the indent of the next line. JShell's UNKNOWN means the analyser could not
     * parse the input as any unit, i.e. invalid code (not Jupyter's "unknown", which would make
     * a console guess).
     */
    String isComplete(String code) {
        String remaining = code;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return "complete";
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    if (info.remaining().isBlank()) {
                        return "complete";
                    }
                    remaining = info.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "    ";
                case UNKNOWN:
                default:
                    return "invalid";
            }
        }
    }

    SourceCodeAnalysis analysis() {
        return analysis;
    }

    JShell shell() {
        return shell;
    }

    private static int countLines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    @Override
    public void close() {
        shell.close();
    }
}
