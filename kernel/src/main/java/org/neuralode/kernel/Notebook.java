package org.neuralode.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The cell API, statically imported in every notebook; the names and meaning are IJava's. Each
 * call becomes one message of the Jupyter messaging spec ("Messaging in Jupyter", "Display
 * Data", "Update Display Data", "Clear output"): {@code display} sends {@code display_data}
 * with a fresh {@code transient.display_id}, {@code updateDisplay} sends
 * {@code update_display_data} for that id, {@code clearOutput} sends {@code clear_output}.
 *
 * <pre>
 * String id = display(figure);      // shows an output, returns its display id
 * updateDisplay(id, nextFigure);    // replaces that output in place (live plots)
 * DisplayData d = render(table);    // the MIME bundle without showing it
 * clearOutput();                    // clears this cell's outputs (Jupyter's clear_output)
 * </pre>
 */
public final class Notebook {

    private Notebook() {
    }

    /** Shows {@code value} as an output of the running cell and returns the output's display id. */
    public static String display(Object value) {
        return NeuralOdeKernel.current().display().show(value);
    }

    /** Shows {@code value} rendered as the given MIME types (e.g. "text/html"). */
    public static String display(Object value, String... mimeTypes) {
        return NeuralOdeKernel.current().display().show(value, mimeTypes);
    }

    /** Replaces the output with the given display id by {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        NeuralOdeKernel.current().display().update(displayId, value);
    }

    /** Replaces the output with the given display id by {@code value} as the given MIME types. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        NeuralOdeKernel.current().display().update(displayId, value, mimeTypes);
    }

    /** The MIME bundle for {@code value}, as the notebook would show it. */
    public static DisplayData render(Object value) {
        return NeuralOdeKernel.current().display().render(value);
    }

    /** The MIME bundle for {@code value} in the given MIME types. */
    public static DisplayData render(Object value, String... mimeTypes) {
        return NeuralOdeKernel.current().display().render(value, mimeTypes);
    }

    /** Clears the running cell's outputs now. */
    public static void clearOutput() {
        NeuralOdeKernel.current().display().clearOutput(false);
    }

    /** Clears the running cell's outputs; with {@code wait}, only when the next output arrives. */
    public static void clearOutput(boolean wait) {
        NeuralOdeKernel.current().display().clearOutput(wait);
    }
}
