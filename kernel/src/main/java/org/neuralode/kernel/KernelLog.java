package org.neuralode.kernel;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's own diagnostics: written to the process's standard error (file descriptor 2),
 * which Jupyter shows in the server's log, never to a cell's output. {@code System.err} cannot
 * be used for this: in a running kernel it is the cell's error stream.
 */
final class KernelLog {

    private static final PrintStream STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private KernelLog() {
    }

    /** Logs one line, prefixed with the kernel's name so that it can be found in a server log. */
    static void warn(String message) {
        STDERR.println("[neuralode-java] " + message);
    }

    /** Logs a failure with its stack trace. */
    static void warn(String message, Throwable failure) {
        synchronized (STDERR) {
            warn(message);
            failure.printStackTrace(STDERR);
        }
    }
}
