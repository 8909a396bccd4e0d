package org.neuralode.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code %maven}: resolves artifacts and their runtime dependencies with the {@code mvn} command
 * (the user's local repository first, then Maven Central or the repositories of the user's Maven
 * settings, or the one repository {@code --repository} names), so the kernel needs no resolver
 * library of its own.
 *
 * <p>A network that accepts connections but never answers must not hold the cell: Maven is told
 * to give up on a connection or an answer after {@code --timeout} seconds (default
 * {@value #DEFAULT_TIMEOUT_SECONDS}), the kernel ends Maven itself if its log stays silent for
 * {@value #STALL_FACTOR} times as long (a Maven that ignores those settings), and the stop button
 * ends Maven at once. The error says what happened (no answer, no connection, artifact not found)
 * without Maven's generic help lines, and Maven's temporary folder is removed whatever happens.
 */
final class MavenResolver {

    static final int DEFAULT_TIMEOUT_SECONDS = 20;
    /** The kernel ends a Maven whose log stays silent this many times the timeout. */
    static final int STALL_FACTOR = 3;
    private static final int MAX_TIMEOUT_SECONDS = 3600;

    static final String USAGE = String.join("\n",
            "%maven [--repository URL] [--timeout SECONDS] group:artifact:version ...",
            "  adds the artifacts and their runtime dependencies to the session, from the local Maven",
            "  repository or else through the mvn command from Maven Central (or your Maven settings' repositories).",
            "  --repository URL   resolve from this repository (http, https or file URL) instead of Maven Central",
            "  --timeout SECONDS  how long Maven waits for a connection and for each answer (default "
                    + DEFAULT_TIMEOUT_SECONDS + ")",
            "  The stop button ends a resolution at once.");

    /** What a {@code %maven} line asks for. */
    record Request(List<String> coordinates, String repository, int timeoutSeconds) {

        /** Reads the magic's words; an empty request ({@code %maven}, {@code --help}) has no coordinates. */
        static Request parse(List<String> words) throws CellException {
            List<String> coordinates = new ArrayList<>();
            String repository = null;
            int timeout = DEFAULT_TIMEOUT_SECONDS;
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                if (option.equals("--help") || option.equals("-h")) {
                    return new Request(List.of(), null, timeout);
                }
                if (option.equals("--repository") || option.equals("--timeout")) {
                    String value;
                    if (word.contains("=")) {
                        value = word.substring(word.indexOf('=') + 1);
                    } else if (i + 1 < words.size()) {
                        value = words.get(++i);
                    } else {
                        throw Magics.magicError("%maven: " + option + " needs a value\n" + USAGE);
                    }
                    if (option.equals("--repository")) {
                        repository = repositoryUrl(value);
                    } else {
                        timeout = timeoutSeconds(value);
                    }
                } else if (word.startsWith("-")) {
                    throw Magics.magicError("%maven: unknown option " + word + "\n" + USAGE);
                } else {
                    coordinates.add(word);
                }
            }
            return new Request(coordinates, repository, timeout);
        }

        private static String repositoryUrl(String value) throws CellException {
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            if (!(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:"))) {
                throw Magics.magicError("%maven: --repository must be an http, https or file URL, got " + value);
            }
            return value.endsWith("/") ? value : value + "/";
        }

        private static int timeoutSeconds(String value) throws CellException {
            try {
                int seconds = Integer.parseInt(value);
                if (seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS) {
                    return seconds;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw Magics.magicError("%maven: --timeout must be a whole number of seconds from 1 to "
                    + MAX_TIMEOUT_SECONDS + ", got " + value);
        }

        /** Where Maven looks online, in messages. */
        String where() {
            return repository != null ? repository : "Maven Central (or your Maven settings' repositories)";
        }
    }

    private MavenResolver() {
    }

    /**
     * The jars of one artifact and its runtime dependencies.
     *
     * @param stopped why the cell is being stopped, or null while it may go on (polled)
     */
    static List<String> resolve(String coordinates, Request request, Supplier<CellException> stopped)
            throws CellException {
        String[] parts = coordinates.split(":");
        if (parts.length < 3 || parts.length > 5) {
            throw Magics.magicError("%maven: expected group:artifact:version, got " + coordinates);
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("neuralode-maven");
            Files.writeString(work.resolve("pom.xml"), pom(parts[0], parts[1], parts[parts.length - 1],
                    request.repository()));
            Path output = work.resolve("classpath.txt");
            Path log = work.resolve("mvn.log");
            // Offline first when the artifact is in the local repository: it then needs no network.
            // (If it is not there, that run could only fail; and Maven online still reads a local
            // repository kept elsewhere before it asks the network.)
            Supplier<CellException> stop = () -> stopped(coordinates, stopped.get());
            boolean resolved = inLocalRepository(parts[0], parts[1], parts[parts.length - 1])
                    && runMaven(work, output, log, true, request.timeoutSeconds(), stop)
                    || runMaven(work, output, log, false, request.timeoutSeconds(), stop);
            if (!resolved) {
                throw failure(coordinates, Files.readString(log, StandardCharsets.UTF_8), request);
            }
            List<String> jars = new ArrayList<>();
            for (String entry : Files.readString(output, StandardCharsets.UTF_8).strip()
                    .split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.add(entry);
                }
            }
            return jars;
        } catch (IOException e) {
            throw Magics.magicError("%maven: cannot run mvn (is Maven installed?): " + e.getMessage());
        } finally {
            delete(work);
        }
    }

    /** The stop button's error, saying what became of the artifact; another reason (the heap guard) as it is. */
    private static CellException stopped(String coordinates, CellException reason) {
        if (reason == null || !reason.ename().equals(CellException.interrupted().ename())) {
            return reason;
        }
        return CellException.of(reason.ename(), "%maven " + coordinates + " stopped: Maven was ended before it"
                + " resolved the artifact, and nothing of it was added to the session (the kernel keeps its state)");
    }

    /** Whether the artifact's POM is in the local repository's default place ({@code ~/.m2/repository}). */
    private static boolean inLocalRepository(String group, String artifact, String version) {
        Path folder = Path.of(System.getProperty("user.home"), ".m2", "repository");
        for (String part : group.split("\\.")) {
            folder = folder.resolve(part);
        }
        try {
            // the POM, not the folder: a failed download leaves the folder (with *.lastUpdated notes)
            return Files.isRegularFile(folder.resolve(artifact).resolve(version)
                    .resolve(artifact + "-" + version + ".pom"));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static String pom(String group, String artifact, String version, String repository) {
        // A repository with Maven Central's id replaces Maven Central for this resolution.
        String repositories = repository == null ? ""
                : "<repositories><repository><id>central</id><url>" + xml(repository)
                        + "</url></repository></repositories>";
        return "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>notebook</groupId><artifactId>notebook</artifactId><version>1</version>"
                + repositories
                + "<dependencies><dependency><groupId>" + xml(group) + "</groupId><artifactId>" + xml(artifact)
                + "</artifactId><version>" + xml(version) + "</version></dependency></dependencies>"
                + "</project>";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final String DEPENDENCY_PLUGIN =
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";

    private static boolean runMaven(Path work, Path output, Path log, boolean offline, int timeoutSeconds,
                                    Supplier<CellException> stopped) throws IOException, CellException {
        String millis = Integer.toString(timeoutSeconds * 1000);
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-Dstyle.color=never"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(List.of(DEPENDENCY_PLUGIN, "-Dmdep.outputFile=" + output, "-Dmdep.includeScope=runtime",
                // Maven 3.9's resolver (connect, and each request), and Maven 3.8's HTTP wagon (read)
                "-Daether.connector.connectTimeout=" + millis, "-Daether.connector.requestTimeout=" + millis,
                "-Dmaven.wagon.rto=" + millis));
        Process mvn = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long stallNanos = TimeUnit.SECONDS.toNanos((long) STALL_FACTOR * timeoutSeconds);
            long logSize = -1;
            long lastProgress = System.nanoTime();
            while (!mvn.waitFor(100, TimeUnit.MILLISECONDS)) {
                CellException stop = stopped.get();
                if (stop != null) {
                    throw stop;
                }
                long size = Files.size(log);
                if (size != logSize) {
                    logSize = size;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stallNanos) {
                    throw CellException.of(NO_ANSWER, "%maven: mvn showed no progress for "
                            + STALL_FACTOR * timeoutSeconds + " s (the network accepts connections but does not"
                            + " answer?); its last line: "
                            + lastLines(clean(Files.readString(log, StandardCharsets.UTF_8)), 1));
                }
            }
            return mvn.exitValue() == 0 && Files.exists(output);
        } catch (InterruptedException e) {
            // Not re-raised: the interrupt flag would break the kernel's next ZeroMQ call on this thread.
            throw stopped.get() != null ? stopped.get() : CellException.interrupted();
        } finally {
            end(mvn);
        }
    }

    /** Ends Maven (the script and the JVM it started) and waits for it, so that its folder can go. */
    private static void end(Process mvn) {
        if (!mvn.isAlive()) {
            return;
        }
        mvn.descendants().forEach(ProcessHandle::destroyForcibly);
        mvn.destroyForcibly();
        try {
            mvn.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // the folder may then stay until Maven has ended: delete() does what it can
        }
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            KernelLog.warn("%maven: could not remove " + folder + ": " + e.getMessage());
        }
    }

    private static final Pattern TRANSFER =
            Pattern.compile("Could not transfer artifact \\S+ from/to \\S+ \\(([^)]+)\\): (.*?)(?: -> \\[Help \\d+])?$",
                    Pattern.MULTILINE);

    /** The error names of a failed resolution (the machine-readable reason of each kind of failure). */
    static final String NO_ANSWER = "MavenNoAnswer";
    static final String UNREACHABLE = "MavenUnreachable";
    static final String NOT_FOUND = "MavenArtifactNotFound";
    static final String FAILED = "MavenFailed";

    /** Why Maven failed, from its log: no answer, no connection, not found, or Maven's own words. */
    static CellException failure(String coordinates, String log, Request request) {
        String text = clean(log);
        String prefix = "%maven " + coordinates + ": ";
        Matcher transfer = TRANSFER.matcher(text);
        if (transfer.find()) {
            String url = transfer.group(1);
            String reason = transfer.group(2);
            String lower = reason.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("timed out") || lower.contains("timeout")) {
                return CellException.of(NO_ANSWER, prefix + "it is not in the local Maven repository, and there"
                        + " was no answer from " + url + " within " + request.timeoutSeconds() + " s (the network"
                        + " accepts connections but does not answer: offline behind a firewall or a captive portal,"
                        + " or a proxy is needed?). Try again, or wait longer with %maven --timeout SECONDS.");
            }
            return CellException.of(UNREACHABLE, prefix + "it is not in the local Maven repository, and " + url
                    + " cannot be reached (offline?): " + lastPart(reason));
        }
        if (text.contains("Could not find artifact") || text.contains("was not found in")
                || text.contains("Failure to find")) {
            return CellException.of(NOT_FOUND, prefix + "not found in the local Maven repository nor in "
                    + request.where() + " (check the coordinates group:artifact:version).\nMaven: "
                    + mavenError(text));
        }
        return CellException.of(FAILED, prefix + "Maven could not resolve it.\nMaven: " + mavenError(text));
    }

    /** Maven's first error line, without the project it names and its pointer to generic help. */
    private static String mavenError(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("[ERROR] ") && line.length() > 8) {
                return line.substring(8)
                        .replaceFirst("^Failed to execute goal on project notebook: ", "")
                        .replaceFirst("^Could not resolve dependencies for project notebook:notebook:jar:1: ", "")
                        .replaceFirst(" -> \\[Help \\d+]$", "");
            }
        }
        return lastLines(text, 3);
    }

    /** The part of a transfer failure after its URL (Maven repeats the URL before the cause). */
    private static String lastPart(String reason) {
        int colon = reason.lastIndexOf(": ");
        return colon < 0 ? reason : reason.substring(colon + 2);
    }

    /** The log without terminal colour codes. */
    private static String clean(String log) {
        return log.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").replace("\r", "");
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, lines.length - n); i < lines.length; i++) {
            out.append(lines[i]).append('\n');
        }
        return out.toString().strip();
    }
}
