package org.neuralode.kernel;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * Sends a Jupyter message on a socket only once everything it needs is allocated, so that a full
 * heap never leaves the socket inside an unfinished message.
 *
 * <p>A Jupyter message is one ZeroMQ multipart message (identities, delimiter, signature, header,
 * parent header, metadata, content). The base library serializes each frame and hands it to the
 * socket with "more frames follow", and the socket wraps each frame in a ZeroMQ message as it
 * comes; an {@link OutOfMemoryError} between two frames (a cell has filled the heap) would end
 * the send half way, and the socket would append every later message to that unfinished one,
 * which the client never reads: the kernel would look dead on that channel for good. So the
 * sockets let the base library build the message while its frames are only collected here
 * ({@link #collect}), wrap every frame, and only then send them. An OutOfMemoryError while the
 * message is built or wrapped loses that one message, before anything was sent; once sending has
 * begun, only ZeroMQ's own bookkeeping allocates, and little (a small block per 256 frames).
 */
final class WholeMessageSender {

    /** Sends one frame; {@code flags} is {@link ZMQ#SNDMORE} for every frame but the last. */
    interface FrameSink {
        boolean send(Msg frame, int flags);
    }

    /** The frames of the message being built, or null while none is. */
    private List<byte[]> building;

    /**
     * Builds a message with {@code build}, which sends its frames through the socket's
     * {@code send(byte[], int)}, where {@link #collect} keeps them; then sends them with
     * {@code sink}. The socket's lock must be held, as it is in its {@code sendMessage}.
     */
    void send(Runnable build, FrameSink sink) {
        List<byte[]> frames = new ArrayList<>(8);
        building = frames;
        try {
            build.run();
        } finally {
            building = null;
        }
        List<Msg> wrapped = new ArrayList<>(frames.size());
        for (byte[] frame : frames) {
            wrapped.add(new Msg(frame));
        }
        for (int i = 0; i < wrapped.size(); i++) {
            sink.send(wrapped.get(i), i < wrapped.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** Called first by the socket's {@code send(byte[], int)}: true if the frame was kept for later. */
    boolean collect(byte[] frame) {
        List<byte[]> frames = building;
        if (frames == null) {
            return false;
        }
        frames.add(frame);
        return true;
    }
}
