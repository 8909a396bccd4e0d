package org.neuralode.kernel;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Javadoc of classes whose sources ship with the kernel. JShell's own documentation lookup only
 * reads the JDK's src.zip, so for the library (and any jar with a {@code -sources.jar} beside
 * it on the class path) the kernel parses the source file itself and reads the doc comment of
 * the member that a JShell signature such as
 * {@code AdaptiveRungeKutta Solvers.dormandPrince(double rtol, double atol)} names.
 */
final class LibrarySources {

    /** Source files by simple file name ("Solvers" for org/neuralode/solvers/Solvers.java). */
    private final Map<String, List<SourceFile>> files = new HashMap<>();
    private final Map<String, String> javadocBySignature = new ConcurrentHashMap<>();

    private record SourceFile(String path, Supplier<String> text) {
    }

    /** Source roots: folders of .java files or source jars. Missing roots are skipped. */
    LibrarySources(List<Path> roots) {
        for (Path root : roots) {
            try {
                if (Files.isDirectory(root)) {
                    indexFolder(root);
                } else if (Files.isRegularFile(root)) {
                    indexJar(root);
                }
            } catch (IOException | UncheckedIOException e) {
                // An unreadable source jar costs only its Javadoc, never the kernel.
            }
        }
    }

    /** The {@code name-sources.jar} next to every {@code name.jar} of the class path. */
    static LibrarySources besideClassPath(String classPath) {
        List<Path> roots = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                Path sources = Path.of(entry.substring(0, entry.length() - 4) + "-sources.jar");
                if (Files.isRegularFile(sources)) {
                    roots.add(sources);
                }
            }
        }
        return new LibrarySources(roots);
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /** The raw doc comment of the member that a JShell documentation signature names, or null. */
    String javadoc(String signature) {
        if (files.isEmpty() || signature == null || signature.isBlank()) {
            return null;
        }
        String found = javadocBySignature.computeIfAbsent(signature, s -> {
            String comment = lookUp(s);
            return comment == null ? "" : comment;
        });
        return found.isEmpty() ? null : found;
    }

    private String lookUp(String signature) {
        Member member = Member.parse(signature);
        if (member == null) {
            return null;
        }
        String[] owner = stripGenerics(member.owner()).split("\\.");
        for (int i = 0; i < owner.length; i++) {
            for (SourceFile file : files.getOrDefault(owner[i], List.of())) {
                String packagePath = String.join("/", List.of(owner).subList(0, i));
                if (i > 0 && !file.path().equals(packagePath + "/" + owner[i] + ".java")) {
                    continue;
                }
                String comment = find(file, List.of(owner).subList(i, owner.length), member);
                if (comment != null) {
                    return comment;
                }
            }
        }
        return null;
    }

    private static String find(SourceFile file, List<String> classNames, Member member) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return null;
        }
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + file.path()), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return file.text().get();
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(source));
        try {
            for (CompilationUnitTree unit : task.parse()) {
                Trees trees = Trees.instance(task);
                Tree found = locate(unit.getTypeDecls(), classNames, member);
                if (found != null) {
                    return trees.getDocComment(TreePath.getPath(unit, found));
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The declaration of the member in the nested class named by classNames, or null. */
    private static Tree locate(List<? extends Tree> declarations, List<String> classNames, Member member) {
        ClassTree type = null;
        List<? extends Tree> scope = declarations;
        for (String name : classNames) {
            type = null;
            for (Tree tree : scope) {
                if (tree instanceof ClassTree candidate && candidate.getSimpleName().contentEquals(name)) {
                    type = candidate;
                }
            }
            if (type == null) {
                return null;
            }
            scope = type.getMembers();
        }
        if (member.name() == null) {
            return type;
        }
        Tree byCount = null;
        for (Tree tree : scope) {
            if (member.parameters() == null && tree instanceof VariableTree field
                    && field.getName().contentEquals(member.name())) {
                return field;
            }
            if (member.parameters() != null && tree instanceof MethodTree method
                    && method.getName().contentEquals(member.name())
                    && method.getParameters().size() == member.parameters().size()) {
                List<String> names = method.getParameters().stream().map(p -> p.getName().toString()).toList();
                if (names.equals(member.parameters())) {
                    return method;
                }
                byCount = byCount == null ? method : byCount;
            }
        }
        return byCount;
    }

    /**
     * What a JShell signature names: "Type Owner.method(A a, B b)", "Owner(A a)" for a
     * constructor, "Type Owner.FIELD" for a field, "pkg.Owner" for a class. name is "&lt;init&gt;"
     * for a constructor and null for a class; parameters (their names) is null unless executable.
     */
    record Member(String owner, String name, List<String> parameters) {

        static Member parse(String signature) {
            String text = signature.strip();
            int open = text.indexOf('(');
            String head = open < 0 ? text : text.substring(0, open).strip();
            int space = lastSpaceOutsideGenerics(head);
            String token = head.substring(space + 1);
            if (open < 0) {
                if (space < 0) {
                    return new Member(token, null, null);
                }
                int dot = token.lastIndexOf('.');
                return dot < 0 ? null : new Member(token.substring(0, dot), token.substring(dot + 1), null);
            }
            int close = text.lastIndexOf(')');
            List<String> parameters = close < open ? List.of() : parameterNames(text.substring(open + 1, close));
            String prefix = space < 0 ? "" : head.substring(0, space).strip();
            if (prefix.isEmpty() || onlyTypeParameters(prefix)) {
                return new Member(token, "<init>", parameters);
            }
            int dot = token.lastIndexOf('.');
            return dot < 0 ? null : new Member(token.substring(0, dot), token.substring(dot + 1), parameters);
        }

        private static List<String> parameterNames(String list) {
            List<String> names = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i <= list.length(); i++) {
                char c = i < list.length() ? list.charAt(i) : ',';
                if (c == '<') {
                    depth++;
                } else if (c == '>') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    String parameter = list.substring(start, i).strip();
                    if (!parameter.isEmpty()) {
                        names.add(parameter.substring(parameter.lastIndexOf(' ') + 1));
                    }
                    start = i + 1;
                }
            }
            return names;
        }

        /** True for "&lt;K, V&gt;", false for "&lt;K, V&gt; Map&lt;K, V&gt;" (a method's return type). */
        private static boolean onlyTypeParameters(String prefix) {
            int depth = 0;
            for (int i = 0; i < prefix.length(); i++) {
                depth += prefix.charAt(i) == '<' ? 1 : prefix.charAt(i) == '>' ? -1 : 0;
                if (depth == 0) {
                    return i == prefix.length() - 1 && i > 0;
                }
            }
            return false;
        }

                private static int lastSpaceOutsideGenerics(String text) {
            int depth = 0;
            for (int i = text.length() - 1; i >= 0; i--) {
                char c = text.charAt(i);
                if (c == '>') {
                    depth++;
                } else if (c == '<') {
                    depth--;
                } else if (c == ' ' && depth == 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static String stripGenerics(String type) {
        String text = type;
        String previous;
        do {
            previous = text;
            text = text.replaceAll("<[^<>]*>", "");
        } while (!text.equals(previous));
        return text;
    }

    private void indexFolder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                String path = root.relativize(p).toString().replace(File.separatorChar, '/');
                add(path, () -> {
                    try {
                        return Files.readString(p, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "";
                    }
                });
            });
        }
    }

    private void indexJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (!entry.isDirectory() && entry.getName().endsWith(".java")) {
                    String path = entry.getName();
                    add(path, () -> readEntry(jar, path));
                }
            }
        }
    }

    private static String readEntry(Path jar, String path) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(path);
            return entry == null ? "" : new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void add(String path, Supplier<String> text) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        String simpleName = fileName.substring(0, fileName.length() - ".java".length());
        files.computeIfAbsent(simpleName, n -> new ArrayList<>()).add(new SourceFile(path, text));
    }
}
