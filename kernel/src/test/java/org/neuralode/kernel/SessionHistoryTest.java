package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

class SessionHistoryTest {

    private final Set<ResultFlag> none = EnumSet.noneOf(ResultFlag.class);

    private SessionHistory history() {
        SessionHistory h = new SessionHistory();
        h.record(1, "6 * 7", "42");
        h.record(2, "int x = 1;", null);
        h.record(3, "6 * 7", "42");
        h.record(4, "x", "1");
        return h;
    }

    @Test
    void tailAndRange() {
        assertEquals(2, history().lookupTail(2, none).size());
        assertEquals(4, history().lookupTail(2, none).get(1).getCellNumber());
        assertEquals(2, history().lookupRange(SessionHistory.SESSION, 2, 4, none).size());
    }

    @Test
    void globSearchUniqueAndLimit() {
        assertEquals(2, history().search("6 *", 0, none).size());
        assertEquals(1, history().search("6 *", 0, EnumSet.of(ResultFlag.UNIQUE)).size());
        assertEquals(1, history().search("*", 1, none).size());
        HistoryEntry withOutput = history().search("x", 0, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0);
        assertEquals("1", withOutput.getOutput());
    }
}
