package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlotlyJsLedgerTest {

    @Test
    void theLoaderGoesOutOncePerSession() {
        PlotlyJsLedger ledger = new PlotlyJsLedger();
        assertTrue(ledger.claim(1));
        assertFalse(ledger.claim(1));
        assertFalse(ledger.claim(2));
    }

    @Test
    void clearingTheCarryingCellShipsTheLoaderAgain() {
        PlotlyJsLedger ledger = new PlotlyJsLedger();
        ledger.claim(3);
        ledger.outputCleared(4);
        assertFalse(ledger.claim(4), "another cell's clear does not erase the loader");
        ledger.outputCleared(3);
        assertTrue(ledger.claim(3));
        assertFalse(ledger.claim(3));
    }

    @Test
    void clearingBeforeAnyLoaderChangesNothing() {
        PlotlyJsLedger ledger = new PlotlyJsLedger();
        ledger.outputCleared(1);
        assertTrue(ledger.claim(1));
    }
}
