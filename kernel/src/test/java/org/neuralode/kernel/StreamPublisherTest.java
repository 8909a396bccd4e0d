package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamPublisherTest {

    @Test
    void flushNeverSplitsACharacter() {
        List<String> chunks = new ArrayList<>();
        StreamPublisher out = new StreamPublisher(chunks::add);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // three bytes
        out.write(euro, 0, 2);
        out.flush();
        assertEquals(List.of(), chunks, "half a character must wait");
        out.write(euro, 2, 1);
        out.flush();
        assertEquals(List.of("€"), chunks);
    }

    @Test
    void largeOutputTravelsInChunks() {
        List<String> chunks = new ArrayList<>();
        StreamPublisher out = new StreamPublisher(chunks::add);
        byte[] line = "x".repeat(99).concat("\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10_000; i++) {
            out.write(line, 0, line.length);
        }
        out.flushAll();
        assertEquals(1_000_000, chunks.stream().mapToInt(String::length).sum());
        assertTrue(chunks.size() <= 1_000_000 / StreamPublisher.CHUNK_BYTES + 2, "chunks: " + chunks.size());
    }

    @Test
    void characterBoundaryOfCompleteAndIncompleteSequences() {
        assertEquals(3, StreamPublisher.characterBoundary("abc".getBytes(StandardCharsets.UTF_8)));
        byte[] twoEuros = "€€".getBytes(StandardCharsets.UTF_8);
        assertEquals(6, StreamPublisher.characterBoundary(twoEuros));
        byte[] cut = java.util.Arrays.copyOf(twoEuros, 5);
        assertEquals(3, StreamPublisher.characterBoundary(cut));
    }
}
