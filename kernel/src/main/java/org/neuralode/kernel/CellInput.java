package org.neuralode.kernel;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.in} of the cells: each line the cell reads is asked of the front end with an
 * {@code input_request} on the stdin channel (messaging spec, "Messages on the stdin
 * (ROUTER/DEALER) channel"), as JupyterLab shows an input box. A request whose
 * {@code allow_stdin} is false (a notebook run by nbconvert, say) cannot be asked: reading
 * fails with a message that says so, rather than with a bare end of input.
 */
final class CellInput extends InputStream {

    /** Asks the front end for a line; returns null at the end of input (no cell runs). */
    interface LineSource {
        String readLine();
    }

    static final String NO_STDIN = "this front end takes no keyboard input for this cell (its request has"
            + " allow_stdin false, as when a notebook runs unattended): put the value in the code instead,"
            + " e.g. int n = 5; instead of new Scanner(System.in).nextInt()";

    private final LineSource source;
    private byte[] line;
    private int position;

    CellInput(LineSource source) {
        this.source = source;
    }

    @Override
    public synchronized int read() {
        if (!fill()) {
            return -1;
        }
        return line[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line == null ? 0 : line.length - position;
    }

    /** Makes sure unread bytes are buffered; false at the end of input. */
    private boolean fill() {
        if (line != null && position < line.length) {
            return true;
        }
        String next = source.readLine();
        if (next == null) {
            return false;
        }
        line = (next + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
