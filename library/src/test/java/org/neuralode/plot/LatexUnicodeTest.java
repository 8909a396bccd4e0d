package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Latex.plain: the Unicode text shown wherever nothing typesets LaTeX. */
class LatexUnicodeTest {

    @Test
    void subscriptsSuperscriptsAndGreekBecomeUnicode() {
        assertEquals("h₀", Latex.plain("$h_0$"));
        assertEquals("10⁻⁶", Latex.plain("$10^{-6}$"));
        assertEquals("e²ᵗ", Latex.plain("$e^{2t}$"));
        assertEquals("hN", Latex.plain("$h_N$"));
        assertEquals("|hN - h(10)|", Latex.plain("$|h_N - h(10)|$"));
        assertEquals("uᵦ", Latex.plain("$u_\\beta$"));
        assertEquals("θ", Latex.plain("$\\theta$"));
        assertEquals("Δt", Latex.plain("$\\Delta t$"));
        assertEquals("step size Δt", Latex.plain("step size $\\Delta t$"));
        assertEquals("∂L/∂θ", Latex.plain("$\\partial L/\\partial\\theta$"));
        assertEquals("fθ(h)", Latex.plain("$f_\\theta(h)$"));
        assertEquals("‖e‖ ≈ C Δt⁵", Latex.plain("$\\|e\\| \\approx C\\,\\Delta t^{5}$"));
        assertEquals("θ̇", Latex.plain("$\\dot\\theta$"));
        assertEquals("aᵀ", Latex.plain("$a^\\top$"));
        assertEquals("|h₍solved₎ - h₍exact₎|", Latex.plain("$|h_\\text{solved} - h_\\text{exact}|$"));
    }

    @Test
    void fractionsReadAsSlashesWithParenthesesWhereNeeded() {
        assertEquals("dh(t)/dt = 1/(shift + scale * y)",
                Latex.plain("$\\frac{dh(t)}{dt} = \\frac{1}{\\mathrm{shift} + \\mathrm{scale} * y}$"));
    }

    @Test
    void textWithEscapedBracesLeavesNoTexBehind() {
        // the book's title: its prose, with {'r': 0.9}, goes through \text{} with escaped braces
        String title = "Solution for $\\frac{dh(t)}{d t} = r * y * (1-y)$ with {'r': 0.9}";
        assertEquals("Solution for dh(t)/dt = r * y * (1 - y) with {'r': 0.9}", Latex.plain(Latex.inline(title)));
        assertEquals("Solution for dh(t)/dt = r * y * (1 - y) with {'r': 0.9}", Latex.plain(title));
    }

    @Test
    void parameterNamesAreSetUpright() {
        assertEquals("\\frac{1}{\\mathrm{shift} + \\mathrm{scale} * y}",
                Latex.upright("\\frac{1}{shift + scale * y}", List.of("shift", "scale")));
        assertEquals("\\lambda h(t)", Latex.upright("\\lambda h(t)", List.of("lbd")));
        assertEquals("r * y", Latex.upright("r * y", List.of("r")));
    }
}
