package org.neuralode.plot;

import java.util.Map;
import java.util.Set;
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
     * The book's title for a solution plot: "Solution for $formula$ with {args}", e.g.
     * {@code solutionTitle("\\frac{dh(t)}{dt} = r h(t) (1 - h(t))", Map.of("r", 0.9))}.
     *
     * @param formula the equation in LaTeX, without {@code $}; parameter names in it are set
     *                upright ({@link #upright}), as in {@code DiffEqn.plot()}
     * @param args    the equation's parameters, written "name = value" (may be empty)
     */
    public static String solutionTitle(String formula, Map<String, ?> args) {
        StringJoiner with = new StringJoiner(", ");
        args.forEach((name, value) -> with.add(name + " = " + value));
        return inline("Solution for $" + upright(formula, args.keySet()) + "$" + (args.isEmpty() ? "" : " with " + with));
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

    /**
     * Wraps each multi-letter parameter name in a formula in {@code \mathrm{...}}, so that
     * {@code shift + scale y} reads as two names, not as ten italic variables s·h·i·f·t...
     *
     * @param formula TeX without {@code $}
     * @param names   parameter names; one-letter names (r, λ written as \lambda) stay as they are
     */
    public static String upright(String formula, Iterable<String> names) {
        String out = formula;
        for (String name : names) {
            if (name != null && name.length() > 1 && name.chars().allMatch(Character::isLetter)) {
                out = out.replaceAll("(?<![\\\\A-Za-z])(?<!\\\\mathrm\\{)" + name + "(?![A-Za-z])", "\\\\mathrm{" + name + "}");
            }
        }
        return out;
    }

    /**
     * A readable plain-text version of a label, for text/plain, the PNG and viewers that typeset
     * no LaTeX (plotly.js in JupyterLab's plotly extension): {@code $h_0$} becomes "h₀",
     * {@code $10^{-6}$} "10⁻⁶", {@code $\Delta t$} "Δt", {@code $\frac{dh}{dt}$} "dh/dt",
     * {@code \text{...}} its text. Prose outside {@code $...$} is kept as written.
     */
    public static String plain(String label) {
        if (label == null || label.indexOf('$') < 0) {
            return label;
        }
        String[] parts = label.split("\\$", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            out.append(i % 2 == 0 ? parts[i] : new UnicodeMath(parts[i]).convert());
        }
        return out.toString();
    }

    /** TeX math (the subset labels use) to Unicode plain text: a small recursive reader. */
    private static final class UnicodeMath {
        private final String tex;
        private int pos;

        UnicodeMath(String tex) {
            this.tex = tex;
        }

        /** The last character written, to tell a binary minus (a - b) from a sign (-1). */
        private char last = '(';

        String convert() {
            StringBuilder out = new StringBuilder();
            while (pos < tex.length()) {
                out.append(atom());
            }
            return out.toString().replaceAll(" {2,}", " ").replace("( ", "(").replace(" )", ")").trim();
        }

        /** As TeX spaces math: none from the source, around relations and binary operators. */
        private String atom() {
            String text = unit();
            for (int i = text.length() - 1; i >= 0; i--) {
                if (text.charAt(i) != ' ') {
                    last = text.charAt(i);
                    break;
                }
            }
            return text;
        }

        private String spaced(String symbol) {
            if (RELATIONS.contains(symbol)) {
                return " " + symbol + " ";
            }
            if (BINARY.contains(symbol)) {
                boolean afterOperand = Character.isLetterOrDigit(last) || ")]|‖′".indexOf(last) >= 0
                        || SUPER_TO.indexOf(last) >= 0 || SUB_TO.indexOf(last) >= 0
                        || Character.getType(last) == Character.NON_SPACING_MARK;
                return afterOperand ? " " + symbol + " " : symbol;
            }
            return symbol;
        }

        /** One unit: a group, a command with its arguments, a script, or one character. */
        private String unit() {
            char c = tex.charAt(pos);
            if (c == '{') {
                return group();
            }
            if (c == '}') {
                pos++;
                return "";
            }
            if (c == '_' || c == '^') {
                pos++;
                return script(argument(), c == '^');
            }
            if (c == '\\') {
                return command();
            }
            pos++;
            return switch (c) {
                case ' ', '\n', '\t' -> "";
                case '~' -> " ";
                case ',', ';' -> c + " ";
                default -> spaced(String.valueOf(c));
            };
        }

        /** {@code {...}} converted, without the braces. */
        private String group() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (pos < tex.length() && tex.charAt(pos) != '}') {
                out.append(atom());
            }
            pos++;
            return out.toString();
        }

        /** The argument of a command or script: a group, a command, or one character. */
        private String argument() {
            while (pos < tex.length() && tex.charAt(pos) == ' ') {
                pos++;
            }
            return pos < tex.length() ? atom() : "";
        }

        /** The text of a {@code \text{...}} argument: prose, with TeX's escapes undone. */
        private String textArgument() {
            while (pos < tex.length() && tex.charAt(pos) == ' ') {
                pos++;
            }
            if (pos >= tex.length() || tex.charAt(pos) != '{') {
                return pos < tex.length() ? String.valueOf(tex.charAt(pos++)) : "";
            }
            int depth = 0;
            StringBuilder out = new StringBuilder();
            for (pos++; pos < tex.length(); pos++) {
                char c = tex.charAt(pos);
                if (c == '\\' && pos + 1 < tex.length()) {
                    if (tex.startsWith("backslash", pos + 1)) {
                        out.append('\\');
                        pos += "backslash".length();
                        if (pos + 1 < tex.length() && tex.charAt(pos + 1) == ' ') {
                            pos++;
                        }
                    } else {
                        out.append(tex.charAt(++pos));
                    }
                    continue;
                }
                if (c == '{') {
                    depth++;
                    continue;
                }
                if (c == '}') {
                    if (depth-- == 0) {
                        pos++;
                        return out.toString();
                    }
                    continue;
                }
                out.append(c);
            }
            return out.toString();
        }

        private String command() {
            pos++;
            if (pos >= tex.length()) {
                return "";
            }
            char c = tex.charAt(pos);
            if (!Character.isLetter(c)) {
                pos++;
                return switch (c) {
                    case ',', ';', ':', ' ', '>' -> " ";
                    case '!' -> "";
                    case '|' -> "‖";
                    default -> String.valueOf(c);
                };
            }
            int start = pos;
            while (pos < tex.length() && Character.isLetter(tex.charAt(pos))) {
                pos++;
            }
            String name = tex.substring(start, pos);
            // a control word eats the spaces after it
            while (pos < tex.length() && tex.charAt(pos) == ' ') {
                pos++;
            }
            switch (name) {
                case "text", "textrm", "textit", "textbf", "mbox", "operatorname":
                    return textArgument();
                case "mathrm", "mathbf", "mathit", "mathcal", "mathsf", "boldsymbol":
                    return argument();
                case "left", "right", "displaystyle", "big", "Big", "bigl", "bigr", "limits":
                    return "";
                case "frac", "tfrac", "dfrac": {
                    String numerator = argument();
                    String denominator = argument();
                    return wrap(numerator) + "/" + wrap(denominator);
                }
                case "sqrt":
                    return "√" + wrap(argument());
                case "quad", "qquad":
                    return "  ";
                default:
                    break;
            }
            String accent = ACCENTS.get(name);
            if (accent != null) {
                return argument() + accent;
            }
            String symbol = SYMBOLS.get(name);
            if (symbol != null) {
                return spaced(symbol);
            }
            // sin, cos, ln, max, ... and anything unknown: the name itself, upright
            return FUNCTIONS.contains(name) ? name + " " : name;
        }

        /** Parentheses around a compound part of a fraction: 1/(a + b), but dh/dt. */
        private static String wrap(String part) {
            boolean simple = part.codePoints().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '.'
                    || ch == '(' || ch == ')' || Character.getType(ch) == Character.NON_SPACING_MARK
                    || SUPER_TO.indexOf(ch) >= 0 || SUB_TO.indexOf(ch) >= 0);
            return simple || (part.startsWith("(") && part.endsWith(")")) ? part : "(" + part + ")";
        }

        /**
         * x₀, t₁₂, 10⁻⁶ where Unicode has every character's small form. Otherwise a superscript
         * keeps its mark, ^N or ^(…); a subscript never shows a raw underscore: one character is
         * written after its base (f_θ as fθ, h_N as hN, as plain-text mathematics does) and a
         * longer one between subscript parentheses (h_solved as h₍solved₎).
         */
        private static String script(String arg, boolean superscript) {
            arg = arg.replace(" ", "");
            if (superscript && ("⊤".equals(arg) || "T".equals(arg))) {
                return "ᵀ";
            }
            if (superscript && ("*".equals(arg) || "′".equals(arg) || "'".equals(arg))) {
                return "*".equals(arg) ? "*" : "′";
            }
            String from = superscript ? SUPER_FROM : SUB_FROM;
            String to = superscript ? SUPER_TO : SUB_TO;
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < arg.length(); i++) {
                int k = from.indexOf(arg.charAt(i));
                if (k < 0) {
                    if (!superscript) {
                        return arg.codePointCount(0, arg.length()) == 1 ? arg : "₍" + arg + "₎";
                    }
                    boolean word = arg.codePoints().allMatch(Character::isLetterOrDigit);
                    return word ? "^" + arg : "^(" + arg + ")";
                }
                out.append(to.charAt(k));
            }
            return out.toString();
        }
    }

    private static final String SUPER_FROM = "0123456789+-−=()abcdefghijklmnoprstuvwxyz";
    private static final String SUPER_TO = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ";
    private static final String SUB_FROM = "0123456789+-−=()aehijklmnoprstuvxβγρφχ";
    private static final String SUB_TO = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ";

    private static final Map<String, String> ACCENTS = Map.of(
            "hat", "\u0302", "widehat", "\u0302", "tilde", "\u0303", "widetilde", "\u0303",
            "dot", "\u0307", "ddot", "\u0308", "bar", "\u0304", "overline", "\u0304", "vec", "\u20d7");

    private static final Set<String> RELATIONS = Set.of("=", "<", ">", "≈", "∼", "≃", "≡", "∝", "≠", "≤", "≥",
            "≪", "≫", "→", "←", "↦", "⇒", "∈");
    private static final Set<String> BINARY = Set.of("+", "-", "*", "·", "×", "÷", "±", "∓");

    private static final Set<String> FUNCTIONS = Set.of("sin", "cos", "tan", "exp", "ln", "log", "max",
            "min", "sup", "inf", "det", "arg", "lim", "tanh", "sinh", "cosh");

    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"),
            Map.entry("delta", "δ"), Map.entry("epsilon", "ϵ"), Map.entry("varepsilon", "ε"),
            Map.entry("zeta", "ζ"), Map.entry("eta", "η"), Map.entry("theta", "θ"), Map.entry("vartheta", "ϑ"),
            Map.entry("iota", "ι"), Map.entry("kappa", "κ"), Map.entry("lambda", "λ"), Map.entry("mu", "μ"),
            Map.entry("nu", "ν"), Map.entry("xi", "ξ"), Map.entry("pi", "π"), Map.entry("rho", "ρ"),
            Map.entry("sigma", "σ"), Map.entry("tau", "τ"), Map.entry("upsilon", "υ"), Map.entry("phi", "ϕ"),
            Map.entry("varphi", "φ"), Map.entry("chi", "χ"), Map.entry("psi", "ψ"), Map.entry("omega", "ω"),
            Map.entry("Gamma", "Γ"), Map.entry("Delta", "Δ"), Map.entry("Theta", "Θ"), Map.entry("Lambda", "Λ"),
            Map.entry("Xi", "Ξ"), Map.entry("Pi", "Π"), Map.entry("Sigma", "Σ"), Map.entry("Phi", "Φ"),
            Map.entry("Psi", "Ψ"), Map.entry("Omega", "Ω"),
            Map.entry("partial", "∂"), Map.entry("nabla", "∇"), Map.entry("infty", "∞"),
            Map.entry("cdot", "·"), Map.entry("times", "×"), Map.entry("div", "÷"), Map.entry("pm", "±"),
            Map.entry("mp", "∓"), Map.entry("approx", "≈"), Map.entry("sim", "∼"), Map.entry("simeq", "≃"),
            Map.entry("equiv", "≡"), Map.entry("propto", "∝"), Map.entry("ne", "≠"), Map.entry("neq", "≠"),
            Map.entry("le", "≤"), Map.entry("leq", "≤"), Map.entry("ge", "≥"), Map.entry("geq", "≥"),
            Map.entry("ll", "≪"), Map.entry("gg", "≫"), Map.entry("to", "→"), Map.entry("rightarrow", "→"),
            Map.entry("leftarrow", "←"), Map.entry("mapsto", "↦"), Map.entry("Rightarrow", "⇒"),
            Map.entry("in", "∈"), Map.entry("int", "∫"), Map.entry("sum", "∑"), Map.entry("prod", "∏"),
            Map.entry("dots", "…"), Map.entry("ldots", "…"), Map.entry("cdots", "⋯"), Map.entry("top", "⊤"),
            Map.entry("prime", "′"), Map.entry("circ", "∘"), Map.entry("ell", "ℓ"), Map.entry("lvert", "|"),
            Map.entry("rvert", "|"), Map.entry("lVert", "‖"), Map.entry("rVert", "‖"), Map.entry("mid", "|"),
            Map.entry("langle", "⟨"), Map.entry("rangle", "⟩"), Map.entry("backslash", "\\"));

}
