package org.neuralode.kernel;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * The IOPub channel (outputs, errors, busy and idle), whose messages always leave whole even
 * when the heap is full: see {@link WholeMessageSender}. A client waits for a cell's idle status
 * on this channel, so one unfinished message here would leave every later cell without an answer.
 */
final class GuardedIOPubChannel extends IOPubChannel {

    private final WholeMessageSender whole = new WholeMessageSender();

    GuardedIOPubChannel(ZMQ.Context context, HMACGenerator hmac) {
        super(context, hmac);
    }

    @Override
    public synchronized void sendMessage(Message<?> message) {
        whole.send(() -> super.sendMessage(message), this::sendMsg);
    }

    @Override
    public boolean send(byte[] data, int flags) {
        return whole.collect(data) || super.send(data, flags);
    }
}
