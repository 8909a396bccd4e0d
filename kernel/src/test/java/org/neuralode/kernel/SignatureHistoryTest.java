package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignatureHistoryTest {

    @Test
    void aSignatureIsAcceptedOnce() {
        SignatureHistory history = new SignatureHistory(10);
        assertTrue(history.add("a"));
        assertFalse(history.add("a"));
        assertTrue(history.add("b"));
    }

    @Test
    void whenFullTheOldestTenthIsForgotten() {
        SignatureHistory history = new SignatureHistory(20);
        for (int i = 0; i <= 20; i++) {
            assertTrue(history.add("s" + i));
        }
        assertEquals(19, history.size());
        assertTrue(history.add("s0"), "the oldest were culled");
        assertFalse(history.add("s20"), "the newest are kept");
    }

    @Test
    void capacityMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SignatureHistory(0));
        assertTrue(e.getMessage().contains("capacity"), e.getMessage());
    }
}
