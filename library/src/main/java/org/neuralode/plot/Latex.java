package org.neuralode.plot;

import java.util.Map;
import java.util.StringJoiner;

/**
 * Titles and axis labels with mathematics in them.
 *
 * <p>plotly.js typesets a label with MathJax only when the <em>whole</em> string is one
 * {@code $...$} formula; "Solution for $x$" stays raw text. {@link #inline} therefore turns a
 * label written the usual way, prose with {@code $...$} pieces, into a single formula whose prose
 * parts are {@code \text{...}}. Where no MathJax is on the page the figure script and
 * {@link #plain} show a readable plain-text version instead.
 */
public final class Latex {

    private Latex() {
    }

    /**
     * {@code "Solution for $\\frac{dh}{dt} = r h$ with r = 0.9"} becomes
     * {@code "$\\text{Solution for }\\frac{dh}{dt} = r h\\text{ with r = 0.9}$"}; a string without
     * {@code $} is returned unchanged.
     *
     * @throws IllegalArgumentException if the {@code $} signs are unbalanced
     */
    public static String inline(String label) {
        if (label == null || label.indexOf('$') < 0) {
            return label;
        }
        String[] parts = label.split("\\$", -1);
        if (parts.length % 2 == 0) {
            throw new IllegalArgumentException("label has an odd number of $ signs: " + label);
        }
        StringBuilder tex = new StringBuilder("$");
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1) {
                tex.append(parts[i]);
            } else if (!parts[i].isEmpty()) {
                tex.append("\\text{").append(escapeText(parts[i])).append('}');
            }
        }
        return tex.append('$').toString();
    }

    /**
     * The seed's title for a solution plot: "Solution for $formula$ with {args}", e.g.
     * {@code solutionTitle("\\frac{dh(t)}{dt} = r h(t) (1 - h(t))", Map.of("r", 0.9))}.
     *
     * @param formula the equation in LaTeX, without {@code $}
     * @param args    the equation's parameters, written "name = value" (may be empty)
     */
    public static String solutionTitle(String formula, Map<String, ?> args) {
        StringJoiner with = new StringJoiner(", ");
        args.forEach((name, value) -> with.add(name + " = " + value));
        return inline("Solution for $" + formula + "$" + (args.isEmpty() ? "" : " with " + with));
    }

    /** Prose inside {@code \text{}}: characters TeX treats specially are escaped. */
    static String escapeText(String prose) {
        StringBuilder out = new StringBuilder();
        for (char c : prose.toCharArray()) {
            switch (c) {
                case '{', '}', '%', '#', '&', '_' -> out.append('\\').append(c);
                case '\\' -> out.append("\\backslash ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A readable plain-text version of a label (for text/plain and viewers without MathJax). */
    public static String plain(String label) {
        if (label == null || label.indexOf('$') < 0) {
            return label;
        }
        // Greek letters first: a control word eats the space after it, not the space of a \text{ ...}
        String s = label.replace("$", "");
        for (Map.Entry<String, String> greek : GREEK.entrySet()) {
            s = s.replaceAll("\\\\" + greek.getKey() + "(?![A-Za-z]) ?", greek.getValue());
        }
        s = s.replaceAll("\\\\(?:text|mathrm|mathbf|operatorname)\\{([^{}]*)\\}", "$1")
                .replaceAll("\\\\frac\\{([^{}]*)\\}\\{([^{}]*)\\}", "$1/$2")
                .replaceAll("\\\\(?:cdot|times)", "·")
                .replaceAll("\\\\[,;! ]", " ")
                .replaceAll("\\\\([{}%#&_])", "$1");
        return s.replaceAll("\\\\([A-Za-z]+)", "$1").replaceAll("(?<!\\\\)[{}]", "");
    }

    private static final Map<String, String> GREEK = Map.ofEntries(
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"),
            Map.entry("delta", "δ"), Map.entry("epsilon", "ε"), Map.entry("theta", "θ"),
            Map.entry("lambda", "λ"), Map.entry("mu", "μ"), Map.entry("pi", "π"),
            Map.entry("sigma", "σ"), Map.entry("tau", "τ"), Map.entry("phi", "φ"),
            Map.entry("omega", "ω"), Map.entry("Delta", "Δ"));

    /**
     * Escapes a label for tablesaw-jsplot, which pastes it between single quotes in JavaScript
     * without escaping backslashes ({@code \f} of {@code \frac} would become a form feed).
     */
    static String js(String label) {
        // An apostrophe would end tablesaw's quoted string (its template then shows &#39;);
        // the typographic apostrophe reads the same.
        return label == null ? null : label.replace("\\", "\\\\").replace("\n", " ").replace('\'', '\u2019');
    }
}
