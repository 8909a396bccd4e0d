package org.neuralode.kernel;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
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
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Evaluates Java cells with JShell: splits a cell into snippets (joining runs of plain
 * statements into one block, see {@link PlainStatements}), compiles them all, then runs them one
 * after another, and reports the value of a trailing expression, compile errors and exceptions.
 * A stop takes effect between two snippets while the cell compiles, and within a snippet while
 * it runs.
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

    /** The start of a variable declaration, {@code Type<..>[] name =} or {@code ;}; group 1 is the name. */
    private static final java.util.regex.Pattern VARIABLE_DECLARATION = java.util.regex.Pattern.compile(
            "^\\s*(?:final\\s+)?[A-Za-z_$][\\w$.]*(?:\\s*<[^=;]*>)?(?:\\s*\\[\\s*\\])*\\s+([A-Za-z_$][\\w$]*)\\s*(?:=|;)");

    private final JShell shell;
    private final CellExecutionControl control;
    private final SourceCodeAnalysis analysis;
    private final ErrorFormatter errors = new ErrorFormatter();
    private final List<String> imports = new ArrayList<>();
    /** Why the running cell is being stopped (the stop button, the heap guard), or null. */
    private volatile CellException stopReason;
    /** The snippets the running cell declared before running (their replacement is no news). */
    private List<Snippet> cellDeclarations = List.of();
    /** A class path entry the session has already, added again to renew JShell's compiler. */
    private final String knownClasspathEntry;

    JavaEvaluator(PrintStream out, PrintStream err) {
        CellExecutionControl.Provider engine = new CellExecutionControl.Provider();
        this.shell = JShell.builder()
                .executionEngine(engine, Map.of())
                .out(out)
                .err(err)
                .build();
        this.control = engine.control();
        this.analysis = shell.sourceCodeAnalysis();
        String known = System.getProperty("java.home");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
                known = entry;
            }
        }
        this.knownClasspathEntry = known;
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
        cellDeclarations = List.of();
        CellThreads.cellStarts(cell);
        long snippetsBefore = shell.snippets().count();
        try {
            return evalPieces(code, cell);
        } catch (CellException error) {
            if (!exceedsClassFileLimit(error)) {
                throw error;
            }
            // javac checks these limits only when it writes the class; JShell keeps the snippet
            // active, recompiles it with every later snippet, and every later cell fails too.
            // Dropping the cell's snippets keeps the mistake in this cell.
            undeclare(shell.snippets().skip(snippetsBefore).toList());
            // The poison is in the compiler, not in a snippet: javac's reused context (JShell's
            // JavacTaskPool) keeps the overflowing constant pool of the failed class. A class path
            // change makes JShell start a fresh pool; this entry is on the class path already.
            shell.addToClasspath(knownClasspathEntry);
            List<String> traceback = new ArrayList<>(error.traceback());
            traceback.add(CLASS_FILE_LIMIT_HINT);
            return rethrow(new CellException(error.ename(), error.evalue(), traceback));
        }
    }

    /** The compiler's messages for limits of the class file format (JVMS 4.4.7, 4.7.3, 4.11). */
    private static final List<String> CLASS_FILE_LIMITS = List.of("constant string too long",
            "too long for the constant pool", "too many constants", "code too large");
    static final String CLASS_FILE_LIMIT_HINT = "A class file holds at most 65535 bytes in one string constant,"
            + " 64 KB of code in one method and 65535 constants, so a literal this large cannot be compiled;"
            + " nothing of this cell was kept. Read the data from a file instead, e.g."
            + " Files.readString(Path.of(\"data.csv\")) or Files.readAllLines(...)";

    private static boolean exceedsClassFileLimit(CellException error) {
        for (String limit : CLASS_FILE_LIMITS) {
            if (error.evalue().contains(limit)) {
                return true;
            }
        }
        return false;
    }

    private static Object rethrow(CellException error) throws CellException {
        throw error;
    }

    private Object evalPieces(String code, String cell) throws CellException {
        List<Piece> pieces = split(code, cell);
        if (pieces.isEmpty()) {
            return NO_VALUE;
        }
        int lines = 1 + countLines(code, code.stripTrailing().length());
        List<Piece> units = joinPlainStatements(pieces, code);
        List<Piece> toRun = units;
        Map<Piece, List<Compiled>> compiled = null;
        if (units.size() > 1 && !readsVariableItRedeclares(pieces)) {
            Declared declared = declareAll(units, cell, lines);
            toRun = declared.toRun();
            compiled = declared.compiled();
        }
        Object value = NO_VALUE;
        for (Piece piece : toRun) {
            CellException stopped = stopReason;
            if (stopped != null) {
                throw stoppedBefore(stopped, piece, lines, false);
            }
            value = compiled == null ? evalSnippet(piece, cell) : runCompiled(compiled.get(piece));
        }
        noteUncalledMains(pieces, code);
        // A cell that ends in a declaration has no value, even if an earlier expression had one.
        return toRun.isEmpty() || toRun.get(toRun.size() - 1) != units.get(units.size() - 1) ? NO_VALUE : value;
    }

    /**
     * The stop (button or heap guard) found between two snippets: the cell fails with its reason,
     * and says how far it got.
     */
    private static CellException stoppedBefore(CellException reason, Piece piece, int lines, boolean compiling) {
        List<String> traceback = new ArrayList<>(reason.traceback());
        traceback.add(compiling
                ? "(stopped while compiling the cell, at line " + piece.firstLine() + " of " + lines
                        + "; none of the cell ran, and none of its declarations were kept)"
                : "(stopped before line " + piece.firstLine() + " of " + lines + " ran; the lines above it ran)");
        return new CellException(reason.ename(), reason.evalue(), traceback);
    }

    /** The most characters of source joined into one block (a method's code is at most 64 KB). */
    static final int MAX_JOINED_CHARS = 4000;

    /**
     * Joins each run of plain statements (see {@link PlainStatements}) into one block snippet,
     * so that JShell compiles it once instead of once per statement. The cell's last snippet
     * stays on its own: its value is the cell's. A block keeps the cell's text and lines: it
     * opens with a brace before its first statement, on the same line.
     */
    private static List<Piece> joinPlainStatements(List<Piece> pieces, String code) {
        if (pieces.size() < 3) {
            return pieces;
        }
        boolean[] plain = PlainStatements.of(pieces.subList(0, pieces.size() - 1).stream().map(Piece::source).toList());
        List<Piece> units = new ArrayList<>();
        int last = pieces.size() - 1;
        int i = 0;
        while (i < pieces.size()) {
            int j = i;
            while (j < last && plain[j] && !pieces.get(j).semicolonAdded()
                    && pieces.get(j).end() - pieces.get(i).start() <= MAX_JOINED_CHARS) {
                j++;
            }
            if (j - i >= 2) {
                Piece first = pieces.get(i);
                Piece end = pieces.get(j - 1);
                units.add(new Piece("{" + code.substring(first.start(), end.end()) + "\n}", first.firstLine(),
                        first.start(), end.end(), false, List.copyOf(pieces.subList(i, j))));
                i = j;
            } else {
                units.add(pieces.get(i));
                i++;
            }
        }
        return units;
    }

    /** A {@code package} line, pasted with a class from a source file (JShell knows no packages). */
    private static final java.util.regex.Pattern PACKAGE_DECLARATION = java.util.regex.Pattern.compile(
            "\\s*(package\\s+[\\w.]+\\s*;)");
    /** A top-level class, record or enum declaration with a {@code static void main(...)}. */
    private static final java.util.regex.Pattern TYPE_WITH_MAIN = java.util.regex.Pattern.compile(
            "^\\s*(?:(?:public|final|abstract|static)\\s+)*(?:class|record|enum|interface)\\s+(\\w+)"
                    + "[\\s\\S]*\\bstatic\\s+void\\s+main\\s*\\(");

    /**
     * A cell runs its statements; a pasted program's {@code main} runs only when called. Says how,
     * for each class the cell declared with a {@code main} that the cell does not call itself.
     */
    private static void noteUncalledMains(List<Piece> pieces, String code) {
        for (Piece piece : pieces) {
            java.util.regex.Matcher type = TYPE_WITH_MAIN.matcher(piece.source());
            if (type.find() && !code.contains(type.group(1) + ".main(")) {
                System.err.println("note: declared class " + type.group(1) + " with a main method, which a cell"
                        + " does not run by itself; run it with " + type.group(1) + ".main(new String[0])");
            }
        }
    }

    /**
     * One snippet of a cell: its source, the cell line it starts on, where its text is in the cell
     * (from {@code start} to {@code end}), whether JShell's analysis added a semicolon the cell
     * lacks, and whether it is a block of joined plain statements.
     */
    private record Piece(String source, int firstLine, int start, int end, boolean semicolonAdded, List<Piece> parts) {
        /** Whether this is a block of joined plain statements (its {@code parts}). */
        boolean joined() {
            return !parts.isEmpty();
        }
    }

    /** What {@link SourceCodeAnalysis#analyzeCompletion} says of an input's first unit. */
    private record Unit(Completeness completeness, String source, String remaining) {
    }

    /** The characters of a long input the analysis looks at first (then twice as many, ...). */
    private static final int FIRST_WINDOW = 1024;

    /**
     * JShell's analysis of the first unit (snippet) of {@code input}, in time that grows with the
     * unit, not with the input: JShell's analysis masks the comments of the whole input each time,
     * which made splitting an n-line cell quadratic in n. It first looks at a window of whole lines;
     * a unit that ends inside the window with code after it (the analyser has seen the token that
     * ends it) ends there in the whole input too. Otherwise the window doubles.
     */
    private Unit analyzeFirstUnit(String input) {
        for (int window = FIRST_WINDOW; window < input.length(); window *= 2) {
            int cut = input.indexOf('\n', window);
            if (cut < 0) {
                break;
            }
            String head = input.substring(0, cut + 1);
            CompletionInfo info = analysis.analyzeCompletion(head);
            if (info.completeness() == Completeness.COMPLETE && !info.remaining().isBlank()
                    && head.endsWith(info.remaining())) {
                return new Unit(info.completeness(), info.source(), info.remaining() + input.substring(cut + 1));
            }
        }
        CompletionInfo info = analysis.analyzeCompletion(input);
        return new Unit(info.completeness(), info.source(), info.remaining());
    }

    /** The cell's snippets in order; an incomplete one is a compile error before anything runs. */
    private List<Piece> split(String code, String cell) throws CellException {
        List<Piece> pieces = new ArrayList<>();
        String remaining = code;
        while (!remaining.isBlank()) {
            Unit info = analyzeFirstUnit(remaining);
            int offset = code.length() - remaining.length();
            int firstLine = 1 + countLines(code, offset + leadingWhitespace(remaining));
            java.util.regex.Matcher pkg = PACKAGE_DECLARATION.matcher(remaining);
            if (pkg.lookingAt()) {
                int start = pkg.start(1);
                throw errors.compileError(remaining, List.of(new ErrorFormatter.Problem(start, start, pkg.end(1),
                        "a notebook has no packages: delete this line (classes declared in cells belong to"
                                + " the session, and their imports stay)")), cell, 1 + countLines(code, offset));
            }
            if (!info.completeness().isComplete()) {
                if (info.completeness() == Completeness.EMPTY) {
                    break;
                }
                throw errors.compileError(remaining.strip(), compileDiagnostics(remaining), cell, firstLine);
            }
            pieces.add(new Piece(info.source(), firstLine, offset + leadingWhitespace(remaining),
                    code.length() - info.remaining().length(), info.completeness() == Completeness.COMPLETE_WITH_SEMI,
                    List.of()));
            remaining = info.remaining();
        }
        return pieces;
    }

    /**
     * Compiles the whole cell before any of it runs: declares every snippet with execution
     * switched off, so that a compile error on line 3 leaves lines 1 and 2 unrun (JShell alone
     * runs snippet by snippet). On an error, or a stop, the snippets just declared are dropped
     * again. Returns the snippets that still have to run (variables, statements and expressions;
     * classes, methods and imports are declared for good), with the code compiled for them if it
     * is still the code that runs (see {@link #runCompiled}).
     */
    private Declared declareAll(List<Piece> pieces, String cell, int lines) throws CellException {
        List<Snippet> declared = new ArrayList<>();
        List<Piece> declaredBy = new ArrayList<>();
        List<Piece> toRun = new ArrayList<>();
        Map<Piece, List<Compiled>> compiled = new java.util.HashMap<>();
        boolean runCompiled = true;
        List<Piece> work = new ArrayList<>(pieces);
        for (int k = 0; k < work.size(); k++) {
            Piece piece = work.get(k);
            CellException stopped = stopReason;
            if (stopped != null) {
                // JShell's compiler cannot be stopped, but between two snippets the cell can.
                cellDeclarations = List.of();
                undeclare(declared);
                throw stoppedBefore(stopped, piece, lines, true);
            }
            List<SnippetEvent> events = declareOnly(piece.source());
            if (joinedButUnreachable(piece, events)) {
                work.addAll(k + 1, piece.parts());
                continue;
            }
            noteResetDependents(events, declared);
            List<Method> methods = control.takeDeclaredMethods();
            List<Snippet> executable = new ArrayList<>();
            boolean runs = false;
            for (SnippetEvent event : events) {
                if (event.causeSnippet() == null) {
                    errors.remember(event.snippet(), cell, piece.firstLine());
                    declared.add(event.snippet());
                    declaredBy.add(piece);
                    // Variables, expressions and statements (on JDK 17 exactly the executable subkinds).
                    runs |= event.snippet().subKind().isExecutable();
                    if (event.snippet().subKind().isExecutable() && event.status().isDefined()) {
                        executable.add(event.snippet());
                    }
                } else if (declared.contains(event.snippet())) {
                    // A snippet of this cell was compiled anew (or replaced) because of a later one:
                    // what was compiled first is not what runs.
                    runCompiled = false;
                }
            }
            if (runs) {
                toRun.add(piece);
                if (methods.size() == executable.size()) {
                    List<Compiled> code = new ArrayList<>();
                    for (int m = 0; m < methods.size(); m++) {
                        code.add(new Compiled(executable.get(m), methods.get(m)));
                    }
                    compiled.put(piece, code);
                } else {
                    runCompiled = false;
                }
            }
        }
        cellDeclarations = declared;
        for (int i = 0; i < declared.size(); i++) {
            Snippet snippet = declared.get(i);
            Snippet.Status status = shell.status(snippet);
            if (status == Snippet.Status.REJECTED || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                CellException error = compileError(snippet, cell, declaredBy.get(i));
                undeclare(declared);
                throw error;
            }
        }
        if (runCompiled) {
            return new Declared(toRun, compiled);
        }
        // An expression was declared as a temporary variable ($1); running it declares another.
        undeclare(declared.stream()
                .filter(snippet -> snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND).toList());
        return new Declared(toRun, null);
    }

    /** A snippet JShell compiled and loaded with running switched off, and the method that runs it. */
    private record Compiled(Snippet snippet, Method doit) {
    }

    /**
     * The snippets of a cell to run, in order, after {@link #declareAll}; with the code compiled
     * for each, or {@code compiled} null if they must be evaluated (compiled) again.
     */
    private record Declared(List<Piece> toRun, Map<Piece, List<Compiled>> compiled) {
    }

    /**
     * Runs what {@link #declareAll} compiled: JShell's own evaluation is a compile followed by a
     * call of the snippet's {@code do_it$} method, here deferred until the whole cell compiled,
     * so that no snippet is compiled twice.
     */
    private Object runCompiled(List<Compiled> code) throws CellException {
        Object value = NO_VALUE;
        for (Compiled each : code) {
            control.takeLastValue();
            try {
                control.runDeclared(each.doit());
            } catch (jdk.jshell.spi.ExecutionControl.StoppedException e) {
                CellException stopped = stopReason;
                throw stopped != null ? stopped : CellException.interrupted();
            } catch (java.lang.reflect.InvocationTargetException e) {
                CellException stopped = stopReason;
                if (stopped != null) {
                    throw stopped;
                }
                Throwable thrown = e.getCause();
                if (thrown instanceof jdk.jshell.spi.SPIResolutionException unresolved) {
                    Snippet missing = shell.snippets().filter(s -> s.id().equals(unresolved.id())).findFirst()
                            .orElse(each.snippet());
                    throw ErrorFormatter.unresolved(missing);
                }
                throw withMemoryHint(errors.runtimeError(new SnippetFrames(shell, analysis).translate(thrown)));
            } catch (Exception e) {
                throw withMemoryHint(errors.runtimeError(e));
            }
            CellException stopped = stopReason;
            if (stopped != null) {
                throw stopped;
            }
            if (hasValue(each.snippet())) {
                value = control.takeLastValue();
            }
        }
        return value;
    }

    /**
     * Whether joining made a statement unreachable (JLS 14.22): after {@code while (true) { }} or a
     * {@code throw}, the next statement of a block is a compile error, while as snippets of their
     * own both compile (and the first never ends, or throws). Such a block runs as its parts.
     */
    private boolean joinedButUnreachable(Piece piece, List<SnippetEvent> events) {
        if (!piece.joined()) {
            return false;
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null && !event.status().isDefined()
                    && shell.diagnostics(event.snippet()).anyMatch(d -> d.getCode().equals("compiler.err.unreachable.stmt"))) {
                return true;
            }
        }
        return false;
    }

    /** Evaluates source with execution switched off: JShell compiles and declares it, nothing runs. */
    private List<SnippetEvent> declareOnly(String source) {
        control.runSnippets(false);
        try {
            return shell.eval(source);
        } finally {
            control.runSnippets(true);
        }
    }

    private void undeclare(List<Snippet> snippets) {
        for (Snippet snippet : snippets) {
            if (shell.status(snippet).isActive()) {
                shell.drop(snippet);
            }
        }
    }

    /**
     * Whether a snippet reads a variable that a later snippet of the same cell declares anew:
     * declaring the whole cell first would reset that variable before it is read, so such a cell
     * runs snippet by snippet, as JShell does.
     */
    private boolean readsVariableItRedeclares(List<Piece> pieces) {
        Set<String> existing = new java.util.HashSet<>();
        shell.variables().forEach(v -> existing.add(v.name()));
        for (int i = 1; i < pieces.size(); i++) {
            // A textual test: JShell's own parse of a snippet (sourceToSnippets) costs a compile.
            java.util.regex.Matcher declaration = VARIABLE_DECLARATION.matcher(pieces.get(i).source());
            if (declaration.find() && existing.contains(declaration.group(1))) {
                java.util.regex.Pattern use = java.util.regex.Pattern.compile(
                        "\\b" + java.util.regex.Pattern.quote(declaration.group(1)) + "\\b");
                for (int j = 0; j < i; j++) {
                    if (use.matcher(pieces.get(j).source()).find()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Asks the compiler for the errors of incomplete code (JShell reports none on its own). */
    private List<ErrorFormatter.Problem> compileDiagnostics(String source) {
        List<SnippetEvent> events = declareOnly(source);
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

    private Object evalSnippet(Piece piece, String cell) throws CellException {
        control.takeLastValue();
        int firstLine = piece.firstLine();
        List<SnippetEvent> events = shell.eval(piece.source());
        if (joinedButUnreachable(piece, events)) {
            Object value = NO_VALUE;
            for (Piece part : piece.parts()) {
                value = evalSnippet(part, cell);
            }
            return value;
        }
        CellException stopped = stopReason;
        if (stopped != null) {
            throw stopped;
        }
        noteResetDependents(events, cellDeclarations);
        Object value = NO_VALUE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            errors.remember(snippet, cell, firstLine);
            if (event.status() == Snippet.Status.REJECTED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                throw compileError(snippet, cell, piece);
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
                value = control.takeLastValue();
            }
        }
        return value;
    }

    /**
     * Says which variables a redefinition reset or made unusable, as jshell's console does
     * ("update replaced variable p"): redefining a class or record resets the variables typed
     * with it, and drops those whose initializer no longer compiles.
     */
    private static void noteResetDependents(List<SnippetEvent> events, List<Snippet> cellDeclarations) {
        List<String> reset = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        String redefined = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null) {
                if (event.snippet() instanceof jdk.jshell.PersistentSnippet declared) {
                    redefined = declared.name();
                }
            } else if (event.previousStatus() == Snippet.Status.VALID && !cellDeclarations.contains(event.snippet())
                    // the declaration this cell replaced (int n = 5; then int n = 7;) is no dependent
                    && event.status() != Snippet.Status.OVERWRITTEN
                    && event.snippet() instanceof jdk.jshell.PersistentSnippet dependent
                    && !(dependent.kind() == Snippet.Kind.TYPE_DECL && dependent.name().equals(redefined))) {
                if (event.status() == Snippet.Status.VALID && dependent instanceof jdk.jshell.VarSnippet) {
                    reset.add(dependent.name());
                } else if (!event.status().isDefined() || event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
                    unusable.add(dependent.name());
                }
            }
        }
        if (reset.isEmpty() && unusable.isEmpty()) {
            return;
        }
        StringBuilder note = new StringBuilder("note: redefining " + (redefined == null ? "a declaration" : redefined));
        if (!reset.isEmpty()) {
            note.append(" reset ").append(String.join(", ", reset)).append(" to null (or 0)");
        }
        if (!unusable.isEmpty()) {
            note.append(reset.isEmpty() ? " made " : "; made ").append(String.join(", ", unusable))
                    .append(" unusable until declared again (they no longer compile)");
        }
        System.err.println(note);
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

    private CellException compileError(Snippet snippet, String cell, Piece piece) {
        List<ErrorFormatter.Problem> problems = ErrorFormatter.problems(shell.diagnostics(snippet).toList());
        String snippetSource = snippet.source();
        if (piece.joined()) {
            // the cell's own text, without the brace that opened the block (positions shift by one)
            List<ErrorFormatter.Problem> shifted = new ArrayList<>();
            for (ErrorFormatter.Problem p : problems) {
                shifted.add(new ErrorFormatter.Problem(Math.max(-1, p.startPosition() - 1), Math.max(0, p.position() - 1),
                        Math.max(0, p.endPosition() - 1), p.message()));
            }
            problems = shifted;
            snippetSource = snippetSource.substring(1, snippetSource.length() - 2);
        }
        // firstLine counts from the snippet's first non-blank line; its source may start blank.
        int sourceFirstLine = piece.firstLine() - countLines(snippetSource, leadingWhitespace(snippetSource));
        return errors.compileError(snippetSource, problems, cell, sourceFirstLine);
    }

    private static boolean hasValue(Snippet snippet) {
        Snippet.SubKind kind = snippet.subKind();
        return kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || kind == Snippet.SubKind.VAR_VALUE_SUBKIND
                || kind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND;
    }

    /** Stops the running snippet (the stop button, the heap guard); the cell fails with {@code reason}. */
    /**
     * The error of a cell whose value could not be shown: its {@code toString()} (or another of
     * its methods a renderer called) threw {@code thrown}; reported with the user's frames only.
     */
    CellException valueError(Throwable thrown) {
        CellException error = errors.runtimeError(thrown);
        List<String> traceback = new ArrayList<>(error.traceback());
        traceback.add("(the cell ran; this is the error of showing its value, e.g. of its toString())");
        return new CellException(error.ename(), error.evalue(), traceback);
    }

    void stop(CellException reason) {
        stopReason = reason;
        shell.stop();
    }

    /** How long is_complete may analyse before it answers "unknown" (a cell of thousands of lines). */
    static final long IS_COMPLETE_BUDGET_MILLIS = 1000;

    /**
     * Jupyter's is_complete, in the base library's convention: "complete", "invalid", or for
     * incomplete code the indent of the next line. JShell's UNKNOWN means the analyser could not
     * parse the input as any unit, i.e. invalid code (not Jupyter's "unknown", which would make
     * a console guess); Jupyter's "unknown" is the answer when the analysis takes longer than
     * {@link #IS_COMPLETE_BUDGET_MILLIS} (the messaging spec allows it).
     */
    String isComplete(String code) {
        long deadline = System.nanoTime() + IS_COMPLETE_BUDGET_MILLIS * 1_000_000L;
        String remaining = code;
        while (true) {
            if (System.nanoTime() - deadline > 0) {
                // The shell serves one request at a time: past the budget, let the front end guess.
                return "unknown";
            }
            Unit info = analyzeFirstUnit(remaining);
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
