package org.neuralode.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One request's {@code System.out} or {@code System.err} text (see {@link CellStreams}): collects
 * bytes and publishes them as Jupyter {@code stream} messages as they are written, so a long cell
 * shows its progress.
 *
 * <p>Writing only buffers. The buffer is sent when the kernel's ticker calls {@link #flush()}
 * (every 50 ms, so a burst of lines travels in one message), when the kernel sends any other
 * output or ends the cell ({@link #flushAll()}), or when the buffer passes {@link #CHUNK_BYTES};
 * ten megabytes of output therefore become a few hundred messages, not millions. A line end
 * does not send by itself. Bytes are only cut at UTF-8 character boundaries.
 */
final class StreamPublisher extends OutputStream {

    static final int CHUNK_BYTES = 64 * 1024;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Consumer<String> sink;

    /** @param sink receives each chunk of text, e.g. publishes a stream message */
    StreamPublisher(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        if (buffer.size() >= CHUNK_BYTES) {
            publish(false);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        buffer.write(bytes, offset, length);
        if (buffer.size() >= CHUNK_BYTES) {
            publish(false);
        }
    }

    /** Sends whatever complete characters are buffered. */
    @Override
    public synchronized void flush() {
        publish(false);
    }

    /** Sends everything, including a dangling partial character (end of a cell). */
    synchronized void flushAll() {
        publish(true);
    }

    private void publish(boolean all) {
        if (buffer.size() == 0) {
            return;
        }
        byte[] bytes = buffer.toByteArray();
        int cut = all ? bytes.length : characterBoundary(bytes);
        buffer.reset();
        buffer.write(bytes, cut, bytes.length - cut);
        if (cut > 0) {
            sink.accept(new String(bytes, 0, cut, StandardCharsets.UTF_8));
        }
    }

    /** The largest prefix length that does not split a UTF-8 encoded character. */
    static int characterBoundary(byte[] bytes) {
        int end = bytes.length;
        int i = end - 1;
        // Walk back over at most three continuation bytes (10xxxxxx) to the lead byte.
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return end;
        }
        int lead = bytes[i] & 0xFF;
        int expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return (end - i) >= expected ? end : i;
    }
}
