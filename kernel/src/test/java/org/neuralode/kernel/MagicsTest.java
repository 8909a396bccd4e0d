package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MagicsTest {

    @Test
    void splitHonoursQuotes() {
        assertEquals(List.of("jars", "a b/*.jar", "c"), Magics.split("jars \"a b/*.jar\"  c"));
        assertEquals(List.of("time"), Magics.split("  time  "));
    }

    @Test
    void helpRequestIsANameFollowedByAQuestionMark() {
        assertEquals("Math.max", Completion.helpRequest("Math.max?"));
        assertNull(Completion.helpRequest("x ? 1 : 2"));
        assertNull(Completion.helpRequest("?"));
    }
}
