package org.neuralode.plot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tech.tablesaw.plotly.components.Figure;

/**
 * Turns a tablesaw-jsplot {@link Figure} into the MIME bundle a notebook displays.
 * (Placeholder: the plotting work replaces the body with offline plotly.js loading.)
 */
public final class FigureHtml {

    private FigureHtml() {
    }

    /**
     * @param figure          the figure
     * @param includePlotlyJs whether this output must carry the plotly.js library itself (the
     *                        first figure of a kernel session does; later ones reuse it)
     * @return MIME type to content, at least {@code text/html} and {@code text/plain}
     */
    public static Map<String, String> mimeBundle(Figure figure, boolean includePlotlyJs) {
        String divId = "neuralode-plot-" + UUID.randomUUID();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", "<div id=\"" + divId + "\"></div>\n" + figure.asJavascript(divId));
        bundle.put("text/plain", "Figure");
        return bundle;
    }
}
