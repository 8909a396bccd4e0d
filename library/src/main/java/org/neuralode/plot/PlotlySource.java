package org.neuralode.plot;

/**
 * Where a figure's {@code text/html} ({@link FigureHtml}) gets plotly.js when the page that shows
 * it has none ({@code window.Plotly}). The figure cannot know: only whoever shows it knows where
 * it runs. A kernel serves plotly.js itself and names the URL; an exported page or a book shares
 * one copy and needs nothing; a page that must draw on its own carries plotly.js inside.
 */
public final class PlotlySource {

    private static final PlotlySource PAGE = new PlotlySource(false, "null", null);
    private static final PlotlySource EMBEDDED = new PlotlySource(true, "null", null);

    private final boolean embedded;
    private final String urlScript;
    private final String remedy;

    private PlotlySource(boolean embedded, String urlScript, String remedy) {
        this.embedded = embedded;
        this.urlScript = urlScript;
        this.remedy = remedy;
    }

    /**
     * Only the page's own {@code window.Plotly} (the HTML book, an export that loads plotly.js
     * once); where there is none, the figure keeps its PNG and says why.
     */
    public static PlotlySource page() {
        return PAGE;
    }

    /**
     * plotly.js inside the figure's HTML (gzip+base64, about 3.2 MB), for a page that must draw
     * with no server and no shared copy. Notebooks never need it.
     */
    public static PlotlySource embedded() {
        return EMBEDDED;
    }

    /**
     * Fetched once per page from a URL that the page computes: {@code urlScript} is a JavaScript
     * expression that gives the URL, or null where there is nothing to fetch from (an exported
     * file, GitHub). A URL is only known in the page (a server's base URL, for example), hence
     * an expression rather than a URL.
     *
     * @param urlScript a JavaScript expression, e.g. {@code "'/static/plotly.js'"}
     * @param remedy    what a reader can do when the fetch fails, shown beside the figure's PNG
     *                  (e.g. "reinstall the kernel")
     * @throws IllegalArgumentException if urlScript is blank or remedy is null
     */
    public static PlotlySource fetched(String urlScript, String remedy) {
        if (urlScript == null || urlScript.isBlank()) {
            throw new IllegalArgumentException("urlScript must be a JavaScript expression that gives plotly.js's URL, got "
                    + (urlScript == null ? "null" : "\"" + urlScript + "\""));
        }
        if (remedy == null) {
            throw new IllegalArgumentException("remedy must say what a reader can do when plotly.js cannot be fetched");
        }
        return new PlotlySource(false, urlScript, remedy);
    }

    /** Whether the figure's HTML carries plotly.js itself. */
    boolean carriesPlotlyJs() {
        return embedded;
    }

    /** The JavaScript expression for plotly.js's URL ({@code null} for none). */
    String urlScript() {
        return urlScript;
    }

    /** What a reader can do when fetching fails, or null. */
    String remedy() {
        return remedy;
    }
}
