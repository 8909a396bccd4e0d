package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JavadocTextTest {

    @Test
    void inlineTagsBecomeTheirText() {
        assertEquals("Steps with h and Solvers.rk4(double), see the default.",
                JavadocText.plain("Steps with {@code h} and {@link Solvers#rk4(double)},\n see {@link #x the default}."));
    }

    @Test
    void htmlBecomesParagraphsAndListItems() {
        assertEquals("First paragraph, one line.\n\nSecond:\n - a < b\n - c",
                JavadocText.plain("First paragraph,\n one line.\n <p>Second:<ul>\n<li>a &lt; b\n<li><b>c</b></ul>"));
    }

    @Test
    void preformattedCodeKeepsItsLines() {
        assertEquals("Example:\n\nint[] a = {1};\n  f(a);",
                JavadocText.plain("Example:\n<pre>{@code\n int[] a = {1};\n   f(a);\n}</pre>"));
    }

    @Test
    void blockTagsAreGroupedUnderHeadings() {
        assertEquals("Adds.\n\nParameters:\n  a - the first, an int\n  b - the second\n\nReturns:\n  a + b\n\n"
                        + "Throws:\n  IllegalArgumentException - if a < 0",
                JavadocText.plain("Adds.\n@param a the first,\n   an {@code int}\n@param b the second\n@return {@code a + b}\n"
                        + "@throws IllegalArgumentException if {@code a < 0}\n@since 1.0"));
    }

    @Test
    void missingCommentIsEmpty() {
        assertEquals("", JavadocText.plain(null));
        assertEquals("", JavadocText.plain("  \n"));
    }
}
