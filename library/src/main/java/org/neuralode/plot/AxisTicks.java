package org.neuralode.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis of the PNG fallback: its range and about five ticks at round values, computed in
 * bounded work for any data: a zero range, values one ulp apart (a conserved quantity such as
 * sin² + cos²), values near ±1e308, or no finite value at all. Tick labels on both linear and
 * logarithmic axes write powers of ten as 10⁻⁶ (never SI prefixes such as "1µ").
 */
final class AxisTicks {

    /** At most this many ticks, whatever the range: the loop that makes them is bounded. */
    static final int MAX_TICKS = 12;

    /**
     * The narrowest range drawn, relative to the size of the values: 1e-9 keeps tick labels
     * distinguishable with 10 significant digits; data narrower than that is drawn as constant.
     */
    private static final double MIN_RELATIVE_SPAN = 1e-9;
    private static final double MIN_SPAN = 1e-300;

    private AxisTicks() {
    }

    /**
     * The drawn range for data from {@code lo} to {@code hi} (in axis units: log10 of the value on
     * a logarithmic axis): padded by 5% on each side, at least {@value #MIN_RELATIVE_SPAN} times
     * the values' size wide, finite. {@code lo > hi} (no data) gives [0, 1].
     */
    static double[] range(double lo, double hi) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            return new double[] {0, 1};
        }
        double half = hi / 2 - lo / 2; // half the span, without overflow for ±1e308
        double minHalf = Math.max(MIN_RELATIVE_SPAN * Math.max(Math.abs(lo), Math.abs(hi)), MIN_SPAN) / 2;
        if (half < minHalf) {
            double mid = lo / 2 + hi / 2;
            return new double[] {clamp(mid - minHalf), clamp(mid + minHalf)};
        }
        double pad = 0.1 * half;
        return new double[] {clamp(lo - pad), clamp(hi + pad)};
    }

    /** Where {@code u} lies in {@code range}, 0 at its start and 1 at its end (overflow-free). */
    static double fraction(double u, double[] range) {
        return (u / 2 - range[0] / 2) / (range[1] / 2 - range[0] / 2);
    }

    /**
     * Ticks inside {@code range}: (position in axis units, label). Linear axes: multiples of 1, 2
     * or 5 times a power of ten, about five of them. Logarithmic axes (range in decades): powers
     * of ten; on a range shorter than two decades 1, 2 and 5 times powers of ten, or round values.
     */
    static List<Tick> ticks(double[] range, boolean log) {
        if (log) {
            List<Tick> ticks = new ArrayList<>();
            int first = (int) Math.ceil(range[0]);
            int last = (int) Math.floor(range[1]);
            if (last - first >= 1) {
                int step = Math.max(1, (int) Math.ceil((range[1] - range[0]) / 6));
                for (int e = first; e <= last && ticks.size() < MAX_TICKS; e += step) {
                    ticks.add(new Tick(e, powerOfTen(e)));
                }
                return ticks;
            }
            // under two decades: 1, 2 and 5 times powers of ten (at most 9 candidates)
            for (int e = (int) Math.floor(range[0]); e <= (int) Math.ceil(range[1]); e++) {
                for (int m : new int[] {1, 2, 5}) {
                    double position = Math.log10(m) + e;
                    if (position >= range[0] && position <= range[1]) {
                        double v = m * Math.pow(10, e);
                        ticks.add(new Tick(position, label(v, v)));
                    }
                }
            }
            if (ticks.size() < 2) { // a narrow range inside one 1-2-5 interval: round values
                ticks.clear();
                for (Tick t : linear(new double[] {Math.pow(10, range[0]), Math.pow(10, range[1])})) {
                    if (t.position() > 0) {
                        ticks.add(new Tick(Math.log10(t.position()), t.label()));
                    }
                }
            }
            return ticks;
        }
        return linear(range);
    }

    private static List<Tick> linear(double[] range) {
        List<Tick> ticks = new ArrayList<>();
        double lo = range[0];
        double hi = range[1];
        double raw = (hi / 2 - lo / 2) / 2.5; // a fifth of the span
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return ticks;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double ratio = raw / magnitude;
        double step = magnitude * (ratio < 2 ? 2 : ratio < 5 ? 5 : 10);
        if (!Double.isFinite(step)) {
            step = magnitude * 2;
        }
        // Ticks are k * step for whole k: counted, not accumulated, so a step below the values'
        // resolution cannot stall the loop.
        double kFirst = Math.ceil(lo / step);
        double kLast = Math.floor(hi / step);
        for (double k = kFirst; k <= kLast && ticks.size() < MAX_TICKS; k++) {
            double v = k == 0 ? 0 : k * step;
            ticks.add(new Tick(v, label(v, step)));
        }
        return ticks;
    }

    /**
     * A tick value as text, with as many decimals as the step needs: "0.25", "1.0000000002",
     * "3×10⁻⁶", "10⁸".
     */
    static String label(double v, double step) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        int exponent = (int) Math.floor(Math.log10(a));
        int stepExponent = (int) Math.floor(Math.log10(step));
        if (a >= 1e5 || a < 1e-3) {
            int digits = Math.max(0, Math.min(15, exponent - stepExponent));
            String mantissa = trim(String.format(Locale.ROOT, "%." + digits + "f", v / Math.pow(10, exponent)));
            if (mantissa.equals("10") || mantissa.equals("-10")) { // rounding carried into the next decade
                mantissa = mantissa.startsWith("-") ? "-1" : "1";
                exponent++;
            }
            String power = powerOfTen(exponent);
            return mantissa.equals("1") ? power : mantissa.equals("-1") ? "−" + power : mantissa + "×" + power;
        }
        int decimals = Math.max(0, Math.min(17, -stepExponent));
        return trim(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }

    /** 10 to the given power, written 1, 10, 10², 10⁻⁶. */
    static String powerOfTen(int exponent) {
        if (exponent == 0) {
            return "1";
        }
        if (exponent == 1) {
            return "10";
        }
        StringBuilder out = new StringBuilder("10");
        for (char c : Integer.toString(exponent).toCharArray()) {
            out.append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return out.toString();
    }

    private static String trim(String number) {
        return number.contains(".") ? number.replaceAll("0+$", "").replaceAll("\\.$", "") : number;
    }

    private static double clamp(double v) {
        return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, v));
    }

    /** One tick: where it is (axis units) and what it says. */
    record Tick(double position, String label) {
    }
}
