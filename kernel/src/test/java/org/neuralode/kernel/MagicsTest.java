package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void percentLinesInsideJavaAreJava() {
        String[] textBlock = {"String s = \"\"\"", "%d apples", "    \"\"\";", "%time s.length()"};
        assertArrayEquals(new boolean[] {false, false, false, true}, Magics.magicLines(textBlock));
        String[] continuation = {"int r = 10", "% 3;", "r"};
        assertArrayEquals(new boolean[] {false, false, false}, Magics.magicLines(continuation));
        String[] call = {"String.format(\"%d\",", "%s", ")"};
        assertArrayEquals(new boolean[] {false, false, false}, Magics.magicLines(call));
        String[] comment = {"/* a note", "%maven not:a:magic", "*/", "int x = 1;", "%threads"};
        assertArrayEquals(new boolean[] {false, false, false, false, true}, Magics.magicLines(comment));
        String[] magics = {"%jars lib/*.jar", "  %load setup", "int y = 2;  // ; } not code", "%time y"};
        assertArrayEquals(new boolean[] {true, true, false, true}, Magics.magicLines(magics));
    }

    @Test
    void helpRequestIsANameFollowedByAQuestionMark() {
        assertEquals("Math.max", Completion.helpRequest("Math.max?"));
        assertNull(Completion.helpRequest("x ? 1 : 2"));
        assertNull(Completion.helpRequest("?"));
    }
}
