package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code %maven}'s options and how it reads Maven's log (lines as Maven 3.8 and 3.9 write them). */
class MavenResolverTest {

    private static final String REPOSITORY = "http://127.0.0.1:8123/";
    private static final MavenResolver.Request REQUEST =
            new MavenResolver.Request(List.of("org.example:lib:1.0"), REPOSITORY, 7);

    /** Maven's closing lines, which the error must leave out. */
    private static final String GENERIC_HELP = String.join("\n",
            "[ERROR] ",
            "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
            "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
            "[ERROR] ",
            "[ERROR] For more information about the errors and possible solutions, please read the following articles:",
            "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/DependencyResolutionException");

    private static String failedWith(String cause) {
        return "\u001B[0m[INFO] Scanning for projects...\n"
                + "[INFO] Downloading from central: " + REPOSITORY + "org/example/lib/1.0/lib-1.0.pom\n"
                + "[ERROR] Failed to execute goal on project notebook: Could not resolve dependencies for project"
                + " notebook:notebook:jar:1: Failed to collect dependencies at org.example:lib:jar:1.0: Failed to read"
                + " artifact descriptor for org.example:lib:jar:1.0: Could not transfer artifact"
                + " org.example:lib:pom:1.0 from/to central (" + REPOSITORY + "): " + cause + " -> [Help 1]\n"
                + GENERIC_HELP + "\n";
    }

    @Test
    void optionsAndCoordinates() throws CellException {
        MavenResolver.Request request = MavenResolver.Request.parse(
                List.of("--repository", "file:///srv/m2", "--timeout=45", "a:b:1", "c:d:2"));
        assertEquals(List.of("a:b:1", "c:d:2"), request.coordinates());
        assertEquals("file:///srv/m2/", request.repository());
        assertEquals(45, request.timeoutSeconds());
        MavenResolver.Request plain = MavenResolver.Request.parse(List.of("a:b:1"));
        assertEquals(MavenResolver.DEFAULT_TIMEOUT_SECONDS, plain.timeoutSeconds());
        assertEquals(null, plain.repository());
        assertTrue(MavenResolver.Request.parse(List.of("--help", "a:b:1")).coordinates().isEmpty());
    }

    @Test
    void aWrongOptionNamesTheOption() {
        for (List<String> words : List.of(List.of("--timeout", "soon", "a:b:1"), List.of("--timeout", "0", "a:b:1"),
                List.of("--timeout"), List.of("--repository", "ftp://host/", "a:b:1"), List.of("--mirror", "x"))) {
            CellException e = assertThrows(CellException.class, () -> MavenResolver.Request.parse(words));
            assertEquals("MagicException", e.ename());
            assertTrue(e.evalue().contains(words.get(0)), e.evalue());
        }
    }

    @Test
    void aReadTimeoutIsNoAnswerFromTheRepository() {
        for (String cause : List.of(
                "transfer failed for " + REPOSITORY + "org/example/lib/1.0/lib-1.0.pom: Read timed out",
                "Connect to 127.0.0.1:8123 [/127.0.0.1] failed: Connect timed out")) {
            CellException e = MavenResolver.failure("org.example:lib:1.0", failedWith(cause), REQUEST);
            assertEquals(MavenResolver.NO_ANSWER, e.ename());
            assertTrue(e.evalue().contains("no answer from " + REPOSITORY + " within 7 s"), e.evalue());
            assertFalse(e.evalue().contains("check the coordinates"), e.evalue());
            assertFalse(e.evalue().contains("[Help") || e.evalue().contains("-e switch"), e.evalue());
        }
    }

    @Test
    void aRefusedConnectionSaysTheRepositoryCannotBeReached() {
        CellException e = MavenResolver.failure("org.example:lib:1.0", failedWith(
                "transfer failed for " + REPOSITORY + "org/example/lib/1.0/lib-1.0.pom: Connection refused"), REQUEST);
        assertEquals(MavenResolver.UNREACHABLE, e.ename());
        assertTrue(e.evalue().endsWith(REPOSITORY + " cannot be reached (offline?): Connection refused"), e.evalue());
    }

    @Test
    void aMissingArtifactSaysCheckTheCoordinates() {
        String log = "[WARNING] The POM for org.example:lib:jar:1.0 is missing, no dependency information available\n"
                + "[ERROR] Failed to execute goal on project notebook: Could not resolve dependencies for project"
                + " notebook:notebook:jar:1: Could not find artifact org.example:lib:jar:1.0 in central ("
                + REPOSITORY + ") -> [Help 1]\n" + GENERIC_HELP;
        CellException e = MavenResolver.failure("org.example:lib:1.0", log, REQUEST);
        assertEquals(MavenResolver.NOT_FOUND, e.ename());
        assertTrue(e.evalue().contains("check the coordinates group:artifact:version"), e.evalue());
        assertTrue(e.evalue().endsWith("Maven: Could not find artifact org.example:lib:jar:1.0 in central ("
                + REPOSITORY + ")"), e.evalue());
        assertFalse(e.evalue().contains("-e switch"), e.evalue());
    }
}
