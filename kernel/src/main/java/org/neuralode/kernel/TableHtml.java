package org.neuralode.kernel;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A tablesaw {@link Table} as an HTML table in Jupyter's style; long tables show their head and
 * tail around an ellipsis row, like pandas.
 */
final class TableHtml {

    static final int MAX_ROWS = 60;
    static final int EDGE_ROWS = 10;

    private TableHtml() {
    }

    static String toHtml(Table table) {
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"neuralode-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<p><b>").append(escape(table.name())).append("</b></p>");
        }
        html.append("<table class=\"dataframe\" border=\"1\"><thead><tr style=\"text-align: right;\">");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int rows = table.rowCount();
        boolean elide = rows > MAX_ROWS;
        for (int r = 0; r < rows; r++) {
            if (elide && r == EDGE_ROWS) {
                html.append("<tr>");
                for (int c = 0; c < table.columnCount(); c++) {
                    html.append("<td>&hellip;</td>");
                }
                html.append("</tr>");
                r = rows - EDGE_ROWS;
            }
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append("<td>").append(escape(column.getString(r))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table><p>").append(rows).append(" rows &times; ")
                .append(table.columnCount()).append(" columns</p></div>");
        return html.toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
