package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatexTest {

    @Test
    void inlineMakesTheWholeLabelOneFormula() {
        assertEquals("$\\text{Solution for }\\frac{dy}{dt} = r y (1-y)\\text{ with r = 0.9}$",
                Latex.inline("Solution for $\\frac{dy}{dt} = r y (1-y)$ with r = 0.9"));
        assertEquals("$h_0$", Latex.inline("$h_0$"));
        assertEquals("plain text", Latex.inline("plain text"));
    }

    @Test
    void proseCharactersTexTreatsSpeciallyAreEscaped() {
        assertEquals("$\\text{50\\% of }x$", Latex.inline("50% of $x$"));
    }

    @Test
    void unbalancedDollarsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Latex.inline("cost $5"));
    }

    @Test
    void solutionTitleFollowsTheSeed() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("shift", -5);
        args.put("scale", -10);
        assertEquals("$\\text{Solution for }\\frac{dh(t)}{dt} = \\lambda h(t)\\text{ with shift = -5, scale = -10}$",
                Latex.solutionTitle("\\frac{dh(t)}{dt} = \\lambda h(t)", args));
        assertEquals("$\\text{Solution for }x$", Latex.solutionTitle("x", Map.of()));
    }

    @Test
    void plainTextIsReadable() {
        assertEquals("Solution for dh/dt = λh with r = 0.9",
                Latex.plain(Latex.inline("Solution for $\\frac{dh}{dt} = \\lambda h$ with r = 0.9")));
        assertEquals("50% of Δt", Latex.plain(Latex.inline("50% of $\\Delta t$")));
        assertEquals("Error of λ vs Δt", Latex.plain(Latex.inline("Error of $\\lambda$ vs $\\Delta t$")));
    }
}
