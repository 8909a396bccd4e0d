package org.neuralode.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

/**
 * A shell or control channel that survives hostile input. The base library's channel throws on
 * a bad signature and its loop thread dies, so the kernel stops answering; it also reads a fixed
 * number of frames, so a short multipart message would swallow the next one.
 *
 * <p>Here every multipart message is read whole, its HMAC-SHA256 signature checked in constant
 * time (Jupyter messaging spec, "The Wire Protocol"), and any message that is badly signed,
 * replayed (a signature seen before), malformed or of an unknown type is dropped, and logged
 * to the kernel's standard error; a well-signed request whose content cannot be read or that
 * arrives on the wrong channel gets an error reply. The loop always goes on with the next message.
 * The loop blocks in {@code poll} instead of sleeping between polls, which keeps a cell's round
 * trip short.
 */
final class GuardedShellChannel extends ShellChannel {

    /** As jupyter_client's {@code Session.digest_history_size}. */
    static final int SIGNATURE_HISTORY = 1 << 16;
    /** Signatures received so far on either channel (one kernel per process), to refuse replays. */
    private static final SignatureHistory SEEN_SIGNATURES = new SignatureHistory(SIGNATURE_HISTORY);
    /** Badly signed messages dropped so far (logged at powers of two). */
    private static final java.util.concurrent.atomic.AtomicLong BADLY_SIGNED = new java.util.concurrent.atomic.AtomicLong();
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Type MAP_TYPE = new TypeToken<Map<String, Object>>() {
    }.getType();
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .create();

    private final JupyterConnection connection;
    private final WholeMessageSender whole = new WholeMessageSender();
    private final String name;
    private final boolean isControl;
    private volatile boolean running;
    private ZMQ.Poller poller;
    private Thread loop;

    GuardedShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl, JupyterConnection connection) {
        super(context, hmac, isControl, connection);
        this.connection = connection;
        this.isControl = isControl;
        this.name = isControl ? "control" : "shell";
    }

    @Override
    public void bind(KernelConnectionProperties properties) {
        int port = name.equals("control") ? properties.getControlPort() : properties.getShellPort();
        String address = properties.getTransport() + "://" + properties.getIp() + ":" + port;
        super.bind(address);
        poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        running = true;
        loop = new Thread(() -> {
            while (running && !Thread.currentThread().isInterrupted()) {
                try {
                    int events;
                    try {
                        events = poller.poll(200);
                    } catch (RuntimeException closed) {
                        break;
                    }
                    if (events > 0 && running) {
                        serveOne();
                    }
                } catch (OutOfMemoryError e) {
                    // A cell's data fills the heap. Uncaught, this would end the loop: the kernel
                    // would stop answering, and exit once both channels' loops had ended.
                    HeapReserve.ranOutOnKernelThread(isControl ? "the control channel" : "the shell channel");
                }
            }
        }, "jupyter-" + name);
        loop.start();
    }

    /**
     * Answers the execute requests already waiting (a notebook's "Run All") with "aborted"
     * instead of running them; other requests are served. Called on this channel's thread by a
     * cell that failed with {@code stop_on_error}, before it reports idle, as ipykernel does, so
     * that one error does not cascade through the notebook.
     */
    void abortQueuedExecutions() {
        while (running && poller.poll(0) > 0) {
            serveOne(true);
        }
    }

    private void serveOne() {
        serveOne(false);
    }

    private void serveOne(boolean abortExecution) {
        List<byte[]> frames = readFrames();
        Parsed parsed = frames == null ? null : parse(frames);
        if (parsed == null) {
            return;
        }
        Message<?> message = parsed.message();
        MessageType<?> type = message.getHeader().getType();
        if (parsed.problem() != null) {
            refuse(message, "BadRequest", parsed.problem());
        } else if (isControl && type == MessageType.EXECUTE_REQUEST) {
            // The control channel is for interrupts and shutdowns, which must never wait behind code.
            refuse(message, "ProtocolError", "execute_request is served on the shell channel only, not on control");
        } else if (abortExecution && type == MessageType.EXECUTE_REQUEST) {
            ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
            env.setStatusBusy();
            env.reply(new AbortedReply());
            env.setStatusIdle();
        } else {
            dispatch(message);
        }
    }

    /** The frames of the next multipart message, or null if the socket failed. */
    private List<byte[]> readFrames() {
        List<byte[]> frames = new ArrayList<>();
        try {
            do {
                byte[] frame = recv(ZMQ.DONTWAIT);
                if (frame == null) {
                    break;
                }
                frames.add(frame);
            } while (hasReceiveMore());
        } catch (RuntimeException e) {
            KernelLog.warn("the " + name + " channel could not read a message", e);
            return null;
        }
        return frames;
    }

    private void dispatch(Message<?> message) {
        MessageType<?> type = message.getHeader().getType();
        @SuppressWarnings({"unchecked", "rawtypes"})
        ShellHandler<Object> handler = (ShellHandler) connection.getHandler(type);
        if (handler == null) {
            KernelLog.warn("no handler for " + type.getName() + " on the " + name + " channel; dropped");
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            @SuppressWarnings("unchecked")
            Message<Object> typed = (Message<Object>) message;
            handler.handle(env, typed);
        } catch (OutOfMemoryError e) {
            HeapReserve.ranOutOnKernelThread("a request handler");
            KernelLog.warn("the " + type.getName() + " handler ran out of memory", e);
            refuse(message, "OutOfMemoryError", "the kernel ran out of memory answering this "
                    + type.getName() + HeapGuard.outOfMemoryHint());
        } catch (RuntimeException | Error e) {
            // A handler failure must not end the channel, nor leave the client waiting for a reply.
            KernelLog.warn("the " + type.getName() + " handler failed", e);
            refuse(message, e.getClass().getSimpleName(), "the kernel could not answer this "
                    + type.getName() + ": " + e);
        } finally {
            try {
                env.resolveDeferrals();
            } catch (RuntimeException e) {
                KernelLog.warn("a deferred reply to " + type.getName() + " failed", e);
            }
        }
        if (env.isMarkedForShutdown()) {
            running = false;
            connection.close();
        }
    }

    /**
     * Answers a request that is not served with an error reply of the request's reply type
     * (e.g. execute_reply with status "error"), so that a client never waits for an answer
     * that does not come. Requests without a reply type (comm messages) are only logged.
     */
    private void refuse(Message<?> message, String ename, String evalue) {
        String requestName = message.getHeader().getType().getName();
        KernelLog.warn("refused " + requestName + " on the " + name + " channel: " + evalue);
        if (!requestName.endsWith("_request")) {
            return;
        }
        MessageType<?> replyType = MessageType.getType(requestName.replace("_request", "_reply"));
        if (replyType == null || replyType == MessageType.UNKNOWN) {
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        env.setStatusBusy();
        env.replyError(replyType.error(), new ErrorReply(ename, evalue,
                List.of(ErrorFormatter.headline(ename, evalue))));
        env.setStatusIdle();
    }

    /** execute_reply for a request that was not run because an earlier cell failed. */
    static final class AbortedReply implements ContentType<AbortedReply> {
        @SuppressWarnings("unused")
        private final String status = "aborted";

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<AbortedReply> getType() {
            return (MessageType) MessageType.EXECUTE_REPLY;
        }
    }

    /**
     * A received message; {@code problem} says why its content could not be read (the message
     * then has no content but can still be answered), or is null.
     */
    private record Parsed(Message<?> message, String problem) {
    }

    /**
     * The message in {@code frames}, or null if it is badly signed, replayed, or has no readable
     * header (such a message cannot be answered and is dropped).
     */
    private Parsed parse(List<byte[]> frames) {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            KernelLog.warn("dropped a malformed message on the " + name + " channel (" + frames.size() + " frames)");
            return null;
        }
        if (!authentic(frames.subList(delimiter + 1, delimiter + 6))) {
            return null;
        }
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        Header<?> h;
        Header<?> parentHeader;
        Map<String, Object> meta;
        try {
            h = GSON.fromJson(new String(header, StandardCharsets.UTF_8), Header.class);
            if (h == null || h.getType() == null || h.getType() == MessageType.UNKNOWN) {
                KernelLog.warn("dropped a message of unknown type on the " + name + " channel");
                return null;
            }
            JsonElement parentJson = JsonParser.parseString(new String(parent, StandardCharsets.UTF_8));
            parentHeader = parentJson.isJsonObject() && parentJson.getAsJsonObject().size() > 0
                    ? GSON.fromJson(parentJson, Header.class) : null;
            meta = GSON.fromJson(new String(metadata, StandardCharsets.UTF_8), MAP_TYPE);
        } catch (RuntimeException malformed) {
            KernelLog.warn("dropped a message with an unreadable header on the " + name + " channel: " + malformed);
            return null;
        }
        List<byte[]> identities = new ArrayList<>(frames.subList(0, delimiter));
        List<byte[]> blobs = new ArrayList<>(frames.subList(delimiter + 6, frames.size()));
        // The content is read as the header's type says; an unreadable content becomes the message's problem.
        Object body = null;
        String problem;
        try {
            body = GSON.fromJson(new String(content, StandardCharsets.UTF_8), h.getType().getContentType());
            problem = body == null ? "the message has no content" : null;
        } catch (RuntimeException malformed) {
            problem = "the content of this " + h.getType().getName()
                    + " does not follow the Jupyter protocol: " + malformed.getMessage();
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Message<?> message = new Message(identities, h, parentHeader, meta, body, blobs);
        return new Parsed(message, problem);
    }

    /**
     * Checks the HMAC-SHA256 signature over header, parent header, metadata and content in
     * constant time, and refuses a signature seen before: a replayed message (jupyter_client's
     * {@code Session} keeps the same bounded digest history).
     *
     * @param signed the signature frame followed by the four signed frames
     */
    private boolean authentic(List<byte[]> signed) {
        byte[] signature = signed.get(0);
        String expected = hmacGenerator.calculateSignature(signed.get(1), signed.get(2), signed.get(3), signed.get(4));
        if (expected == null || expected.isEmpty()) {
            // no key: the connection is unsigned by configuration (the messaging spec allows it);
            // every signature is then empty, so there is no replay to recognise either
            return true;
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature)) {
            long n = BADLY_SIGNED.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                // 1st, 2nd, 4th, 8th...: a flood of bad messages cannot fill the server's log
                KernelLog.warn("dropped a badly signed message on the " + name + " channel (" + n + " so far)");
            }
            return false;
        }
        if (!SEEN_SIGNATURES.add(expected)) {
            KernelLog.warn("dropped a replayed message (its signature was seen before) on the " + name + " channel");
            return false;
        }
        return true;
    }

    /** Replies leave whole even when the heap is full: see {@link WholeMessageSender}. */
    @Override
    public synchronized void sendMessage(Message<?> message) {
        whole.send(() -> super.sendMessage(message), this::sendMsg);
    }

    @Override
    public boolean send(byte[] data, int flags) {
        return whole.collect(data) || super.send(data, flags);
    }

    @Override
    public void close() {
        running = false;
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread t = loop;
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
