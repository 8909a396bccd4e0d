package org.neuralode.kernel;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The base library's connection with the shell and control channels replaced by
 * {@link GuardedShellChannel}s, which drop forged or malformed messages and keep serving, and the
 * IOPub channel by a {@link GuardedIOPubChannel}; all three send a message whole or not at all,
 * even when the heap is full.
 */
final class KernelConnection extends JupyterConnection {

    private final KernelConnectionProperties properties;
    private final ZMQ.Context context;
    private final GuardedShellChannel guardedShell;
    private final GuardedShellChannel guardedControl;
    private final GuardedIOPubChannel guardedIOPub;

    KernelConnection(KernelConnectionProperties properties) throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
        this.properties = properties;
        this.context = ZMQ.context(1);
        this.guardedShell = new GuardedShellChannel(context, properties.createHMACGenerator(), false, this);
        this.guardedControl = new GuardedShellChannel(context, properties.createHMACGenerator(), true, this);
        this.guardedIOPub = new GuardedIOPubChannel(context, properties.createHMACGenerator());
    }

    @Override
    public IOPubChannel getIOPub() {
        return guardedIOPub;
    }

    @Override
    public ShellReplyEnvironment prepareReplyEnv(ShellChannel shell, MessageContext request) {
        // (an anonymous subclass: the base library's constructor is protected)
        return new ShellReplyEnvironment(shell, stdin, guardedIOPub, request) {
        };
    }

    @Override
    public void connect() {
        heartbeat.bind(properties);
        guardedIOPub.bind(properties);
        stdin.bind(properties);
        guardedShell.bind(properties);
        guardedControl.bind(properties);
        guardedIOPub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    /** See {@link GuardedShellChannel#abortQueuedExecutions}; call on the shell thread only. */
    void abortQueuedExecutions() {
        guardedShell.abortQueuedExecutions();
    }

    @Override
    public void waitUntilClose() {
        guardedShell.waitUntilClose();
        guardedControl.waitUntilClose();
    }
}
