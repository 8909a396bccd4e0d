package org.neuralode.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw Javadoc comment as plain text for the notebook's tooltip and pager: HTML tags dropped
 * (paragraphs and list items kept as line breaks), {@code {@code x}} shown as x,
 * {@code {@link A#b}} as A.b, and the block tags gathered under "Parameters:", "Returns:" and
 * "Throws:" headings. Tag syntax: "Documentation Comment Specification for the Standard
 * Doclet" (JDK 17), sections "Inline tags" and "Block tags".
 */
final class JavadocText {

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(\\w+)((?:\\s[^{}]*(?:\\{[^{}]*\\}[^{}]*)*)?)\\}");
    private static final Pattern PRE = Pattern.compile("(?is)<pre>(.*?)</pre>");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@(\\w+)\\b");
    private static final Map<String, String> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put("param", "Parameters:");
        HEADINGS.put("return", "Returns:");
        HEADINGS.put("throws", "Throws:");
        HEADINGS.put("exception", "Throws:");
        HEADINGS.put("see", "See also:");
    }

    private JavadocText() {
    }

    /** The comment as plain text; null or blank input gives "". */
    static String plain(String javadoc) {
        if (javadoc == null || javadoc.isBlank()) {
            return "";
        }
        String text = javadoc.replace("\r\n", "\n");
        Matcher blocks = BLOCK_TAG.matcher(text);
        int firstBlock = blocks.find() ? blocks.start() : text.length();
        StringBuilder out = new StringBuilder(body(text.substring(0, firstBlock)));

        // Block tags keep their order of first appearance, each kind under one heading.
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<int[]> spans = new ArrayList<>();
        blocks.reset();
        while (blocks.find()) {
            spans.add(new int[] {blocks.start(), blocks.end()});
        }
        for (int i = 0; i < spans.size(); i++) {
            String tag = text.substring(spans.get(i)[0], spans.get(i)[1]).strip().substring(1);
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            String content = entities(inline(text.substring(spans.get(i)[1], end)).replaceAll("<[^>]+>", "")).replaceAll("\\s+", " ").strip();
            String heading = HEADINGS.get(tag);
            if (heading == null) {
                continue; // @since, @author and the like say nothing about how to call the method.
            }
            if (tag.equals("param") || tag.equals("throws") || tag.equals("exception")) {
                String[] nameAndText = content.split(" ", 2);
                content = nameAndText[0] + (nameAndText.length > 1 ? " - " + nameAndText[1] : "");
            }
            sections.computeIfAbsent(heading, h -> new ArrayList<>()).add(content);
        }
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            out.append("\n\n").append(section.getKey());
            for (String line : section.getValue()) {
                out.append("\n  ").append(line);
            }
        }
        return out.toString().strip();
    }

    /**
     * The main description: HTML to text, paragraphs separated by one blank line; a
     * {@code <pre>} block keeps its lines, as it is usually a code example.
     */
    private static String body(String html) {
        String text = inline(html);
        StringBuilder out = new StringBuilder();
        Matcher pre = PRE.matcher(text);
        int from = 0;
        while (pre.find()) {
            appendParagraphs(out, text.substring(from, pre.start()));
            String code = entities(pre.group(1).replaceAll("<[^>]+>", "")).replaceAll("^\\s*\\n|\\s+$", "");
            if (!code.isBlank()) {
                out.append(out.length() == 0 ? "" : "\n\n").append(code.stripIndent());
            }
            from = pre.end();
        }
        appendParagraphs(out, text.substring(from));
        return out.toString();
    }

    private static void appendParagraphs(StringBuilder out, String html) {
        String text = html.replaceAll("(?i)<\\s*(p|br|/p|/ul|/ol|h\\d|/h\\d|blockquote|/blockquote|table|tr)\\b[^>]*>", "\n\n");
        text = text.replaceAll("(?i)<\\s*(ul|ol)\\b[^>]*>", "");
        text = text.replaceAll("(?i)\\s*<\\s*li\\b[^>]*>", "\n - ");
        text = entities(text.replaceAll("<[^>]+>", ""));
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String joined = paragraph.strip().replaceAll("[ \\t]*\\n(?! - )[ \\t]*", " ").replaceAll("[ \\t]+", " ");
            if (!joined.isEmpty()) {
                out.append(out.length() == 0 ? "" : "\n\n").append(joined);
            }
        }
    }

    /** Inline tags to text: {@code x} and {@literal x} as x, {@link A#b label} as label or A.b. */
    private static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher tag = INLINE_TAG.matcher(text);
        while (tag.find()) {
            String name = tag.group(1);
            // A code example's indentation counts: drop only the separator after the tag name.
            String content = tag.group(2).replaceFirst("^[ \\t]*\\n|^\\s", "").stripTrailing();
            String replacement;
            if (name.equals("link") || name.equals("linkplain")) {
                String[] referenceAndLabel = content.split("\\s+", 2);
                replacement = referenceAndLabel.length > 1 ? referenceAndLabel[1] : reference(referenceAndLabel[0]);
            } else if (name.equals("inheritDoc")) {
                replacement = "";
            } else if (name.equals("code") || name.equals("literal")) {
                replacement = content;
            } else {
                replacement = content.strip(); // value, index, ...
            }
            // Inside {@code}, "<" is literal text, not HTML: protect it from the tag stripper.
            if (name.equals("code") || name.equals("literal")) {
                replacement = replacement.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            }
            tag.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        tag.appendTail(out);
        return out.toString();
    }

    /** A#b(double, double) as A.b(double, double), #b as b. */
    private static String reference(String reference) {
        String text = reference.startsWith("#") ? reference.substring(1) : reference.replace('#', '.');
        return text;
    }

    private static String entities(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
                   .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
