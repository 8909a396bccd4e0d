package org.neuralode.kernel;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Which snippets of a cell are plain statements: statements that declare nothing the session
 * keeps (no variable, class, method or import) and are valid inside a method body, such as
 * {@code x += 1;}, {@code list.add(3);}, {@code for (...) {...}} or {@code System.out.println(x);}.
 *
 * <p>JShell compiles every snippet in a class of its own that imports every declaration of the
 * session, and turns every expression statement with a value ({@code x += 1;}) into a new session
 * variable {@code $N} that all later snippets import too: a cell of n such lines costs n compiles
 * (times two, see {@code JavaEvaluator.declareAll}) of growing size, quadratic in n. A run of
 * plain statements means the same as one block {@code { s1; s2; ... }} (Java Language
 * Specification 14.2: a block runs its statements in order and declares nothing outside itself),
 * which JShell compiles once.
 *
 * <p>The test is a parse, not a compile (javac's parser alone, milliseconds for a whole cell): each
 * snippet is parsed as the body of a method, and counts as plain if it parses without error as
 * exactly one statement that is not a local variable or class declaration. Anything else (a
 * method, a bare expression like {@code x + 1}, a modifier, preview syntax the parser refuses)
 * is not plain and stays a snippet of its own, as JShell has it.
 */
final class PlainStatements {

    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    private static final StandardJavaFileManager FILES =
            COMPILER == null ? null : COMPILER.getStandardFileManager(null, null, StandardCharsets.UTF_8);

    private PlainStatements() {
    }

    /** For each source, whether it is one plain statement (false for all if no compiler is at hand). */
    static boolean[] of(List<String> sources) {
        boolean[] plain = new boolean[sources.size()];
        if (COMPILER == null || sources.isEmpty()) {
            return plain;
        }
        List<JavaFileObject> units = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            units.add(new MethodBody(i, sources.get(i)));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) COMPILER.getTask(null, FILES, diagnostics, List.of("-proc:none"), null, units);
        Iterable<? extends CompilationUnitTree> trees;
        try {
            trees = task.parse();
        } catch (IOException | RuntimeException e) {
            return plain;
        }
        // javac hands back its own wrappers of the file objects: they are told apart by name
        Set<URI> broken = new HashSet<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                broken.add(d.getSource().toUri());
            }
        }
        for (CompilationUnitTree tree : trees) {
            URI name = tree.getSourceFile().toUri();
            if (!broken.contains(name)) {
                plain[MethodBody.index(name)] = isPlain(tree);
            }
        }
        return plain;
    }

    private static boolean isPlain(CompilationUnitTree unit) {
        if (unit.getTypeDecls().size() != 1 || !(unit.getTypeDecls().get(0) instanceof ClassTree wrapper)
                || wrapper.getMembers().size() != 1 || !(wrapper.getMembers().get(0) instanceof MethodTree method)) {
            return false;
        }
        BlockTree body = method.getBody();
        if (body == null || body.getStatements().size() != 1) {
            return false;
        }
        StatementTree statement = body.getStatements().get(0);
        return switch (statement.getKind()) {
            // declarations, which the session keeps; and a lone ";", which JShell drops
            case VARIABLE, CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE, EMPTY_STATEMENT -> false;
            default -> true;
        };
    }

    /** A snippet as the body of a method of its own class, for the parser. */
    private static final class MethodBody extends SimpleJavaFileObject {
        private final String text;

        MethodBody(int index, String source) {
            super(URI.create("string:///Cell" + index + ".java"), Kind.SOURCE);
            // the newline keeps a trailing // comment from swallowing the closing braces
            this.text = "class Cell" + index + " { void run() throws Throwable {\n" + source + "\n} }";
        }

        /** The index of the snippet whose file is named {@code name}. */
        static int index(URI name) {
            String path = name.getPath();
            return Integer.parseInt(path.substring(path.lastIndexOf("Cell") + 4, path.length() - 5));
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
