package org.neuralode.bench;

import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;
import org.neuralode.data.Spiral;
import org.neuralode.neuralode.GradientMethod;
import org.neuralode.neuralode.Loss;
import org.neuralode.neuralode.NeuralOde;
import org.neuralode.neuralode.RmsProp;
import org.neuralode.neuralode.Trainer;
import org.neuralode.solvers.Solvers;

/**
 * Training iterations of the spiral demo (the configuration of {@link SpiralBenchmark}), as a
 * function {@code n -> {nanoseconds, bytes allocated, forward evaluations, backward evaluations,
 * bits of theta's first entry, CPU nanoseconds of this thread}} for {@link AbBenchmark}, which loads this class once per library
 * version. Only {@code java.base} types cross the class loaders.
 */
public final class SpiralSteps implements IntFunction<long[]> {

    private final Trainer trainer;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** @param mode {@code backprop} or {@code adjoint} */
    public SpiralSteps(String mode, long seed) {
        var solver = Solvers.dormandPrince(1e-7, 1e-9);
        GradientMethod gradients = mode.equals("adjoint") ? GradientMethod.adjoint(solver) : GradientMethod.backprop(solver);
        trainer = Trainer.builder()
                .model(NeuralOde.spiralDemo(seed))
                .data(Spiral.trajectory())
                .gradients(gradients)
                .optimizer(new RmsProp(1e-3))
                .loss(Loss.L1)
                .batchSize(20)
                .batchTime(10)
                .seed(seed)
                .build();
    }

    @Override
    public long[] apply(int iterations) {
        long forward = 0;
        long backward = 0;
        long bytes = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < iterations; i++) {
            Trainer.Iteration it = trainer.step();
            forward += it.forwardEvaluations();
            backward += it.backwardEvaluations();
        }
        long nanos = System.nanoTime() - start;
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        bytes = threads.getCurrentThreadAllocatedBytes() - bytes;
        return new long[] {nanos, bytes, forward, backward, Double.doubleToLongBits(trainer.model().theta()[0]), cpu};
    }
}
