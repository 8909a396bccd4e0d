package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlotlyJsLedgerTest {

    @Test
    void onlyTheFirstFigureOfASessionCarriesTheLibrary() {
        PlotlyJsLedger ledger = new PlotlyJsLedger();
        assertTrue(ledger.claimForNewOutput(1));
        assertFalse(ledger.claimForNewOutput(1));
        assertFalse(ledger.claimForNewOutput(2));
    }

    @Test
    void theCarryingDisplayCarriesItAgainOnUpdate() {
        PlotlyJsLedger ledger = new PlotlyJsLedger();
        ledger.claimForNewOutput(1);
        ledger.rememberDisplayId("a");
        assertTrue(ledger.carries("a"));
        assertFalse(ledger.carries("b"));
    }

    @Test
    void clearingTheCarryingCellShipsTheLibraryAgain() {
        PlotlyJsLedger ledger = new PlotlyJsLedger();
        ledger.claimForNewOutput(3);
        ledger.outputCleared(4);
        assertFalse(ledger.claimForNewOutput(4), "another cell's clear does not erase the library");
        ledger.outputCleared(3);
        assertTrue(ledger.claimForNewOutput(3));
    }
}
