package org.neuralode.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code %maven}: resolves an artifact and its runtime dependencies with the {@code mvn} command
 * (which uses the user's local repository first and Maven Central otherwise), so the kernel needs
 * no resolver library of its own.
 */
final class MavenResolver {

    private MavenResolver() {
    }

    static List<String> resolve(String coordinates) throws CellException {
        String[] parts = coordinates.split(":");
        if (parts.length < 3 || parts.length > 5) {
            throw Magics.magicError("%maven: expected group:artifact:version, got " + coordinates);
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("neuralode-maven");
            String pom = "<project><modelVersion>4.0.0</modelVersion>"
                    + "<groupId>notebook</groupId><artifactId>notebook</artifactId><version>1</version>"
                    + "<dependencies><dependency><groupId>" + parts[0] + "</groupId><artifactId>" + parts[1]
                    + "</artifactId><version>" + parts[parts.length - 1] + "</version></dependency></dependencies>"
                    + "</project>";
            Files.writeString(work.resolve("pom.xml"), pom);
            Path output = work.resolve("classpath.txt");
            Path log = work.resolve("mvn.log");
            // Offline first: an artifact already in the local repository needs no network.
            boolean resolved = runMaven(work, output, log, true) || runMaven(work, output, log, false);
            if (!resolved) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                boolean network = text.contains("Could not transfer") || text.contains("Unknown host")
                        || text.contains("UnknownHost") || text.contains("Connection refused")
                        || text.contains("Network is unreachable") || text.contains("timed out");
                String reason = network
                        ? "it is not in the local Maven repository and Maven Central cannot be reached (offline?)"
                        : "Maven could not resolve it (check the coordinates group:artifact:version)";
                throw Magics.magicError("%maven " + coordinates + ": " + reason + ".\n"
                        + lastLines(text, 6));
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Magics.magicError("%maven: interrupted");
        }
    }

    private static final String DEPENDENCY_PLUGIN =
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";

    private static boolean runMaven(Path work, Path output, Path log, boolean offline)
            throws IOException, InterruptedException, CellException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(List.of(DEPENDENCY_PLUGIN, "-Dmdep.outputFile=" + output,
                "-Dmdep.includeScope=runtime"));
        Process mvn = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!mvn.waitFor(5, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
            throw Magics.magicError("%maven: mvn did not finish within 5 minutes");
        }
        return mvn.exitValue() == 0 && Files.exists(output);
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
