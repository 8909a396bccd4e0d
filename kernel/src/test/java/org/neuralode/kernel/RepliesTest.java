package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.InterruptReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.reply.ShutdownReply;
import org.junit.jupiter.api.Test;

/**
 * Pins what jjava-jupyter 1.0-a6 leaves out of its replies, which {@link Replies} adds. A failure
 * here means jjava changed: the workaround named in the failing assertion may no longer be needed.
 */
class RepliesTest {

    private static boolean declares(Class<?> type, String field) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (var f : c.getDeclaredFields()) {
                if (f.getName().equals(field)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void jjava_leaves_out_the_status_of_these_replies() {
        for (Class<?> reply : List.of(KernelInfoReply.class, InterruptReply.class, ShutdownReply.class, HistoryReply.class)) {
            assertFalse(declares(reply, "status"), reply.getSimpleName() + " now has a status: drop Replies.Ok"
                    + reply.getSimpleName());
        }
    }

    @Test
    void jjava_execute_reply_has_no_payload() {
        assertFalse(declares(ExecuteReply.class, "payload"), "ExecuteReply now has a payload: drop Replies.OkExecuteReply");
    }

    @Test
    void our_replies_carry_what_the_spec_asks() {
        Gson gson = new Gson();
        JsonObject execute = gson.toJsonTree(new Replies.OkExecuteReply(3, List.of(Map.of("source", "page")), Map.of())).getAsJsonObject();
        assertEquals("ok", execute.get("status").getAsString());
        assertEquals(3, execute.get("execution_count").getAsInt());
        assertTrue(execute.get("user_expressions").isJsonObject());
        assertEquals(1, execute.get("payload").getAsJsonArray().size());
        assertEquals("ok", gson.toJsonTree(new Replies.OkInterruptReply()).getAsJsonObject().get("status").getAsString());
        JsonObject shutdown = gson.toJsonTree(new Replies.OkShutdownReply(true)).getAsJsonObject();
        assertEquals("ok", shutdown.get("status").getAsString());
        assertTrue(shutdown.get("restart").getAsBoolean());
        JsonObject history = gson.toJsonTree(new Replies.OkHistoryReply(new ArrayList<>())).getAsJsonObject();
        assertEquals("ok", history.get("status").getAsString());
        assertTrue(history.get("history").isJsonArray());
    }
}
