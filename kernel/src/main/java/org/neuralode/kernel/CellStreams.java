package org.neuralode.kernel;

import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

/**
 * One execute request's {@code stdout} and {@code stderr}, published as children of that request,
 * and the routing that sends each thread's {@code System.out} and {@code System.err} to the
 * request whose cell started the thread.
 *
 * <p>A cell's snippet threads are marked as the cell's ({@link #ownSnippetThread()}); every thread
 * they start inherits the mark (an {@link InheritableThreadLocal}: plain threads, an executor's
 * threads made while the cell's code submits to it, virtual threads). So a thread that a cell
 * left running and that prints after the cell ended publishes under that cell's request, even
 * while another cell (perhaps another client's) runs: Jupyter front ends file output by its
 * parent request, so it never shows under the wrong cell. JupyterLab's output area keeps
 * listening to its last request (it shows the late text under the cell that started the
 * thread); a client that already forgot the request drops it.
 *
 * <p>Threads no cell started (the kernel's own, the renderer) and the workers of the common
 * fork-join pool (shared by every cell's parallel streams, whichever cell made them) write to
 * the latest request, as before. A pool that one cell made and a later cell reuses prints under
 * the cell that made its threads: a thread's output is routed by who started the thread, not by
 * who submitted the task it runs.
 */
final class CellStreams {

    /** The request whose cell started the current thread, if a cell did. */
    private static final InheritableThreadLocal<CellStreams> OWNER = new InheritableThreadLocal<>();
    /** Streams with text not yet sent (the ticker sends them). */
    private static final Set<CellStreams> PENDING = ConcurrentHashMap.newKeySet();
    /** The latest request: where threads that no cell started write. */
    private static volatile CellStreams latest = new CellStreams(null);

    private final ShellReplyEnvironment env;
    private final StreamPublisher out;
    private final StreamPublisher err;

    /** @param env the request the text belongs to (null: none yet, the text is dropped) */
    CellStreams(ShellReplyEnvironment env) {
        this.env = env;
        this.out = new StreamPublisher(text -> publish(new PublishStream(PublishStream.StreamType.OUT, text)));
        this.err = new StreamPublisher(text -> publish(new PublishStream(PublishStream.StreamType.ERR, text)));
    }

    /** A request starts: threads no cell started write to it from now on. */
    static void requestStarts(CellStreams streams) {
        latest = streams;
    }

    /** Called on a snippet's thread as it starts: it and the threads it starts belong to the latest request. */
    static void ownSnippetThread() {
        OWNER.set(latest);
    }

    /** The streams the current thread writes to (see the class comment). */
    static CellStreams ofCurrentThread() {
        CellStreams owner = OWNER.get();
        if (owner == null || isCommonPoolWorker(Thread.currentThread())) {
            return latest;
        }
        return owner;
    }

    private static boolean isCommonPoolWorker(Thread thread) {
        return thread instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool();
    }

    /** The request these streams publish under, or null. */
    ShellReplyEnvironment env() {
        return env;
    }

    /** Publishes on IOPub as a child of this request (dropped if there is none). */
    <T extends ContentType<T>> void publish(T content) {
        if (env != null) {
            env.getIopub().sendMessage(new Message<>(env.getContext(), content.getType(), content));
        }
    }

    /** Sends everything buffered, a dangling partial character included (before other output, end of a cell). */
    void flushAll() {
        PENDING.remove(this);
        out.flushAll();
        err.flushAll();
    }

    /** Sends the complete characters that every request's threads wrote (the kernel's ticker). */
    static void flushPending() {
        for (CellStreams streams : PENDING) {
            // removed first: a write after this line marks it pending again
            PENDING.remove(streams);
            streams.out.flush();
            streams.err.flush();
        }
    }

    /** Sends everything buffered, for every request (the kernel shuts down). */
    static void flushEverything() {
        for (CellStreams streams : PENDING) {
            streams.flushAll();
        }
        latest.flushAll();
    }

    /** The cells' {@code System.out} ({@code error} false) or {@code System.err}, routed per thread. */
    static OutputStream routed(boolean error) {
        return new OutputStream() {
            private StreamPublisher publisher(CellStreams streams) {
                return error ? streams.err : streams.out;
            }

            @Override
            public void write(int b) {
                CellStreams streams = ofCurrentThread();
                publisher(streams).write(b);
                PENDING.add(streams);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                CellStreams streams = ofCurrentThread();
                publisher(streams).write(bytes, offset, length);
                PENDING.add(streams);
            }

            @Override
            public void flush() {
                publisher(ofCurrentThread()).flush();
            }
        };
    }
}
