package org.neuralode.kernel;

import java.util.List;

/**
 * A cell that failed, already in the shape of Jupyter's {@code error} message: the user's
 * exception class as {@code ename}, its message as {@code evalue}, and a traceback (one line per
 * list element) that shows only the user's code.
 */
final class CellException extends Exception {

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    CellException(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue == null ? "" : evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** A failure whose traceback is the one line {@code ename: evalue}. */
    static CellException of(String ename, String evalue) {
        return new CellException(ename, evalue, List.of(ErrorFormatter.headline(ename, evalue)));
    }

    /** A cell ended by the stop button. */
    static CellException interrupted() {
        return new CellException("InterruptedException", "the cell was interrupted",
                List.of(ErrorFormatter.headline("InterruptedException", "the cell was interrupted"
                        + " (the kernel keeps its state)")));
    }

    String ename() {
        return ename;
    }

    String evalue() {
        return evalue;
    }

    List<String> traceback() {
        return traceback;
    }
}
