package org.neuralode;

/**
 * Argument checks shared by the library's packages, so that a bad argument fails early, in the
 * call that received it, with an {@link IllegalArgumentException} whose message names the
 * argument, the offending entry's index and its value (for example
 * {@code "states must be finite, but states[417][1] = NaN"}) instead of a NaN, an overflow or a
 * misleading failure later.
 *
 * <p>Each check returns its argument, so that it can be used inline:
 * {@code this.rate = Arguments.finite("rate", rate);}.
 */
public final class Arguments {

    /**
     * The longest array this library allocates: the largest length every common JVM accepts
     * ({@code Integer.MAX_VALUE - 8}, the limit {@code java.util.ArrayList} uses).
     */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Arguments() {
    }

    /** @return {@code value}, after checking that it is not {@code null} */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** @return {@code value}, after checking that it is finite (not NaN or infinite) */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + name + " = " + value);
        }
        return value;
    }

    /** @return {@code value}, after checking that it is at least {@code min} */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + name + " = " + value);
        }
        return value;
    }

    /** @return {@code values}, after checking that it is non-null, non-empty and every entry finite */
    public static double[] finite(String name, double[] values) {
        nonEmpty(name, values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + " must be finite, but " + name + "[" + i + "] = " + values[i]);
            }
        }
        return values;
    }

    /**
     * @return {@code rows}, after checking that it is non-empty, that every row is non-null and
     *         has the length of {@code rows[0]}, and that every entry is finite
     */
    public static double[][] finiteMatrix(String name, double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one row, got "
                    + (rows == null ? "null" : "an empty array"));
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("every row of " + name + " must have the length of " + name
                        + "[0], " + rows[0].length + ", but " + name + "[" + i + "] has length " + rows[i].length);
            }
            for (int j = 0; j < rows[i].length; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(name + " must be finite, but " + name + "[" + i + "][" + j
                            + "] = " + rows[i][j]);
                }
            }
        }
        return rows;
    }

    /**
     * @return {@code values}, after checking that they are finite and strictly increasing: no
     *         repeated time, no time out of order
     */
    public static double[] strictlyIncreasing(String name, double[] values) {
        finite(name, values);
        for (int i = 1; i < values.length; i++) {
            if (!(values[i] > values[i - 1])) {
                throw new IllegalArgumentException(name + " must be strictly increasing, but " + name + "["
                        + (i - 1) + "] = " + values[i - 1] + " and " + name + "[" + i + "] = " + values[i]
                        + (values[i] == values[i - 1] ? " (a repeated time)" : " (out of order)"));
            }
        }
        return values;
    }

    /**
     * @return {@code values}, after checking that they are finite and strictly monotonic, all
     *         increasing or all decreasing (a solve may run backwards in time)
     */
    public static double[] strictlyMonotonic(String name, double[] values) {
        finite(name, values);
        double direction = values.length > 1 ? Math.signum(values[1] - values[0]) : 1;
        for (int i = 1; i < values.length; i++) {
            if (direction == 0 || Math.signum(values[i] - values[i - 1]) != direction) {
                throw new IllegalArgumentException(name + " must be strictly monotonic (all increasing or all"
                        + " decreasing), but " + name + "[" + (i - 1) + "] = " + values[i - 1] + " and " + name
                        + "[" + i + "] = " + values[i]
                        + (values[i] == values[i - 1] ? " (a repeated time)" : " (out of order)"));
            }
        }
        return values;
    }

    /**
     * The length of an array about to be allocated, computed in {@code long} so that it cannot
     * overflow: refused if no Java array can be that long, or if {@code arrays} arrays of that
     * many {@code double}s could not fit in the JVM's maximum heap.
     *
     * @param what   what is being allocated and how its length arises, e.g.
     *               {@code "the series of periods * samplesPerPeriod = 100000 * 100000 samples"}
     * @param length the wanted length
     * @param arrays how many {@code double[]} of that length will be allocated together
     * @return {@code length} as an {@code int}
     */
    public static int arrayLength(String what, long length, int arrays) {
        if (length < 0 || length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(what + " needs an array of " + length + " entries; a Java array"
                    + " holds at most " + MAX_ARRAY_LENGTH);
        }
        double bytes = (double) length * Double.BYTES * Math.max(1, arrays);
        long heap = Runtime.getRuntime().maxMemory();
        if (heap != Long.MAX_VALUE && bytes > heap) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s needs %d entries (%.1f GB), more than the JVM's whole heap (%.1f GB)",
                    what, length, bytes / 1e9, heap / 1e9));
        }
        return (int) length;
    }

    private static void nonEmpty(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one value, got "
                    + (values == null ? "null" : "an empty array"));
        }
    }
}
