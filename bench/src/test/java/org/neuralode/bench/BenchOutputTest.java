package org.neuralode.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.neuralode.solvers.Solvers;

/**
 * The benchmarks print what bench/NOTES.md quotes: the line formats and the exact counts
 * (evaluations, memory kept), never a time. A short run of each, so that a change that breaks a
 * benchmark fails the build instead of the next measurement.
 */
class BenchOutputTest {

    private static final Pattern SPIRAL_LINE = Pattern.compile("^spiral: mode=(\\S+) iterations=(\\d+)"
            + " ms_per_iteration=[0-9.]+ nfe_forward=[0-9.]+ best_test_loss=([0-9.]+) final_test_loss=([0-9.]+)"
            + " seconds=[0-9.]+ total_nfe_forward=(\\d+) total_nfe_backward=(\\d+)$", Pattern.MULTILINE);

    private static String spiral(String mode, String... more) {
        String[] args = {"--mode", mode, "--iterations", "20", "--seed", "0", "--test-every", "10"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SpiralBenchmark.main(all);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSpiralBenchmarkPrintsItsLineForEachMode() {
        for (String mode : new String[] {"backprop", "adjoint", "adjoint-seminorm"}) {
            String output = spiral(mode);
            Matcher line = SPIRAL_LINE.matcher(output);
            assertTrue(line.find(), "no spiral: line for " + mode + " in:\n" + output);
            assertEquals(mode, line.group(1));
            assertEquals("20", line.group(2));
            // the last test (iteration 20) is the final model's, so the best is at most the final
            assertTrue(Double.parseDouble(line.group(3)) <= Double.parseDouble(line.group(4)),
                    "best " + line.group(3) + " vs final " + line.group(4));
            long forward = Long.parseLong(line.group(5));
            long backward = Long.parseLong(line.group(6));
            assertTrue(forward >= 20 * 8 && backward > 0, mode + ": " + forward + " / " + backward);
            assertTrue(output.contains("Iter 0010 | Total Loss") && output.contains("Iter 0020 | Total Loss"), output);
        }
    }

    /** The evaluation totals are deterministic: the same run twice gives the same counts (bench/NOTES.md relies on it). */
    @Test
    void theSpiralCountsRepeat() {
        Matcher first = SPIRAL_LINE.matcher(spiral("backprop"));
        Matcher second = SPIRAL_LINE.matcher(spiral("backprop"));
        assertTrue(first.find() && second.find());
        assertEquals(first.group(5), second.group(5));
        assertEquals(first.group(6), second.group(6));
        assertEquals(first.group(4), second.group(4));
    }

    /**
     * {@code --warm-up} trains an identical model first and changes nothing in the timed run
     * (vs-diffrax.sh and bench/NOTES.md compare warm times with cold runs' counts and losses).
     */
    @Test
    void theWarmUpLeavesTheTimedRunAsItWas() {
        for (String mode : new String[] {"backprop", "adjoint"}) {
            String warm = spiral(mode, "--warm-up", "7");
            assertTrue(warm.contains("warm-up: 7 iterations of an identical model, untimed"), warm);
            Matcher cold = SPIRAL_LINE.matcher(spiral(mode));
            Matcher warmed = SPIRAL_LINE.matcher(warm);
            assertTrue(cold.find() && warmed.find());
            for (int group = 3; group <= 6; group++) {
                assertEquals(cold.group(group), warmed.group(group), mode + ", field " + group);
            }
        }
    }

    /** What bench/scale.sh reports per size: backprop's memory grows with the batch, the adjoint's stays far below it. */
    @Test
    void theScaleBenchmarkCountsEvaluationsAndMemory() {
        var solver = Solvers.dormandPrince(1e-7, 1e-9);
        ScaleBenchmark.Result backprop = ScaleBenchmark.run(new int[] {2, 16, 8}, "backprop", solver, 0, 1);
        ScaleBenchmark.Result adjoint = ScaleBenchmark.run(new int[] {2, 16, 8}, "adjoint", solver, 0, 1);
        ScaleBenchmark.Result wider = ScaleBenchmark.run(new int[] {2, 16, 64}, "backprop", solver, 0, 1);
        assertTrue(backprop.forward() > 0 && backprop.backward() > 0 && adjoint.backward() > 0);
        assertEquals(backprop.forward(), adjoint.forward(), "the same forward solve");
        assertTrue(adjoint.keptBytes() < backprop.keptBytes(), adjoint.keptBytes() + " vs " + backprop.keptBytes());
        assertTrue(wider.keptBytes() > backprop.keptBytes(), wider.keptBytes() + " vs " + backprop.keptBytes());
    }

    private static final Pattern STIFF_LINE = Pattern.compile("^stiff: problem=hires solver=radau5-jac rtol=1e-04"
            + " atol=1e-08 steps=(\\d+) rejected=(\\d+) evaluations=(\\d+) jacobians=(\\d+) lu=(\\d+)"
            + " us_per_solve=[0-9.]+ final=((?:[-0-9.E]+;){7}[-0-9.E]+)$");

    /** The stiff benchmark's line: the format, and a final state at the HIRES reference. */
    @Test
    void theStiffBenchmarkPrintsItsLine() {
        StiffBenchmark.Problem hires = StiffBenchmark.PROBLEMS.get(2);
        String line = StiffBenchmark.line(hires, "radau5-jac",
                Solvers.radau5(1e-4, 1e-8).withJacobian(hires.jacobian()), 1e-4, 1e-8, 0, 0);
        Matcher m = STIFF_LINE.matcher(line);
        assertTrue(m.matches(), line);
        assertTrue(Integer.parseInt(m.group(4)) >= 1 && Integer.parseInt(m.group(5)) >= Integer.parseInt(m.group(4)),
                line);
        String[] last = m.group(6).split(";");
        double[] reference = org.neuralode.equations.Hires.reference();
        for (int k = 0; k < reference.length; k++) {
            assertEquals(reference[k], Double.parseDouble(last[k]), 1e-3 * Math.abs(reference[k]), line);
        }
    }
}
