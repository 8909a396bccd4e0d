package org.neuralode.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The cells' {@code System.out} and {@code System.err}: {@link #close()} only flushes. A cell
 * that wraps {@code System.out} in a writer and closes it (say, with try-with-resources) would
 * otherwise close the kernel's output for the rest of the session, silently.
 */
final class UnclosablePrintStream extends PrintStream {

    UnclosablePrintStream(OutputStream out) {
        super(out, false, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        flush();
    }
}
