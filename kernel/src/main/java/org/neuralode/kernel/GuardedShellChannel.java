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
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

/**
 * A shell or control channel that survives hostile input. The base library's channel throws on
 * a bad signature and its loop thread dies, so the kernel stops answering; it also reads a fixed
 * number of frames, so a short multipart message would swallow the next one.
 *
 * <p>Here every multipart message is read whole, its HMAC-SHA256 signature checked in constant
 * time (Jupyter messaging spec, "The Wire Protocol"), and any message that is badly signed,
 * malformed or of an unknown type is dropped; the loop always goes on with the next message.
 * The loop blocks in {@code poll} instead of sleeping between polls, which keeps a cell's round
 * trip short.
 */
final class GuardedShellChannel extends ShellChannel {

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
    private final String name;
    private volatile boolean running;
    private ZMQ.Poller poller;
    private Thread loop;

    GuardedShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl, JupyterConnection connection) {
        super(context, hmac, isControl, connection);
        this.connection = connection;
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
                int events;
                try {
                    events = poller.poll(200);
                } catch (RuntimeException closed) {
                    break;
                }
                if (events > 0 && running) {
                    serveOne();
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
            return;
        }
        Message<?> message = parse(frames);
        if (message == null) {
            return;
        }
        if (abortExecution && message.getHeader().getType() == MessageType.EXECUTE_REQUEST) {
            ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
            env.setStatusBusy();
            env.reply(new AbortedReply());
            env.setStatusIdle();
            return;
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        ShellHandler<Object> handler = (ShellHandler) connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            @SuppressWarnings("unchecked")
            Message<Object> typed = (Message<Object>) message;
            handler.handle(env, typed);
        } catch (RuntimeException | Error e) {
            // A handler failure must not end the channel; the client sees no reply for it.
        } finally {
            try {
                env.resolveDeferrals();
            } catch (RuntimeException ignored) {
                // Deferrals are best effort.
            }
        }
        if (env.isMarkedForShutdown()) {
            running = false;
            connection.close();
        }
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

    /** The message in {@code frames}, or null if it is not a well-formed, well-signed message. */
    private Message<?> parse(List<byte[]> frames) {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            return null;
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        String expected = hmacGenerator.calculateSignature(header, parent, metadata, content);
        if (expected != null && !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signature)) {
            return null;
        }
        try {
            Header<?> h = GSON.fromJson(new String(header, StandardCharsets.UTF_8), Header.class);
            if (h == null || h.getType() == null || h.getType() == MessageType.UNKNOWN) {
                return null;
            }
            Header<?> parentHeader = null;
            JsonElement parentJson = JsonParser.parseString(new String(parent, StandardCharsets.UTF_8));
            if (parentJson.isJsonObject() && parentJson.getAsJsonObject().size() > 0) {
                parentHeader = GSON.fromJson(parentJson, Header.class);
            }
            Map<String, Object> meta = GSON.fromJson(new String(metadata, StandardCharsets.UTF_8), MAP_TYPE);
            Object body = GSON.fromJson(new String(content, StandardCharsets.UTF_8), h.getType().getContentType());
            if (body == null) {
                return null;
            }
            List<byte[]> identities = new ArrayList<>(frames.subList(0, delimiter));
            List<byte[]> blobs = new ArrayList<>(frames.subList(delimiter + 6, frames.size()));
            @SuppressWarnings({"unchecked", "rawtypes"})
            Message<?> message = new Message(identities, h, parentHeader, meta, body, blobs);
            return message;
        } catch (RuntimeException malformed) {
            return null;
        }
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
