package org.neuralode.kernel;

import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.InterruptReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Replies as the Jupyter messaging spec (version 5.3, "Messages on the shell (ROUTER/DEALER)
 * channel") has them, where jjava-jupyter 1.0-a6 (the only version Maven Central serves) leaves
 * out a field: {@code "status": "ok"} on kernel_info, interrupt, shutdown and history replies,
 * {@code payload} on execute_reply. Each is a workaround for that version; {@code RepliesTest}
 * fails when jjava's own class gains the field, so that the workaround can go.
 */
final class Replies {

    private Replies() {
    }

    /** kernel_info_reply with the {@code "status": "ok"} the base library leaves out. */
    static final class OkKernelInfoReply extends KernelInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        OkKernelInfoReply(String protocolVersion, String name, String version, LanguageInfo info,
                          String banner, List<HelpLink> helpLinks) {
            super(protocolVersion, name, version, info, banner, helpLinks);
        }
    }

    /** execute_reply with the payload list (for the pager) that the base library's class lacks. */
    static final class OkExecuteReply implements ContentType<OkExecuteReply> {
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        @com.google.gson.annotations.SerializedName("execution_count")
        private final int executionCount;
        @SuppressWarnings("unused")
        @com.google.gson.annotations.SerializedName("user_expressions")
        private final Map<String, Object> userExpressions;
        @SuppressWarnings("unused")
        private final List<Map<String, Object>> payload;

        OkExecuteReply(int executionCount, List<Map<String, Object>> payload, Map<String, Object> userExpressions) {
            this.executionCount = executionCount;
            this.payload = payload;
            this.userExpressions = userExpressions;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<OkExecuteReply> getType() {
            return (MessageType) MessageType.EXECUTE_REPLY;
        }
    }

    static final class OkInterruptReply extends InterruptReply {
        @SuppressWarnings("unused")
        private final String status = "ok";
    }

    /** shutdown_reply with a status (the base library's class has none and cannot be extended). */
    static final class OkShutdownReply implements ContentType<OkShutdownReply> {
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final boolean restart;

        OkShutdownReply(boolean restart) {
            this.restart = restart;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<OkShutdownReply> getType() {
            return (MessageType) MessageType.SHUTDOWN_REPLY;
        }
    }

    /** history_reply with a status; entries as [session, line, input] or [.., [input, output]]. */
    static final class OkHistoryReply implements ContentType<OkHistoryReply> {
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history;

        OkHistoryReply(List<List<Object>> history) {
            this.history = history;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<OkHistoryReply> getType() {
            return (MessageType) MessageType.HISTORY_REPLY;
        }
    }
}
