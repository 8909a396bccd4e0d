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

    /**
     * @param mode {@code backprop} or {@code adjoint} (the gradient methods every library version
     *     that ab.sh may compare has; anything else is refused, never timed as another mode)
     */
    public SpiralSteps(String mode, long seed) {
        var solver = Solvers.dormandPrince(1e-7, 1e-9);
        GradientMethod gradients = switch (mode) {
            case "backprop" -> GradientMethod.backprop(solver);
            case "adjoint" -> GradientMethod.adjoint(solver);
            default -> throw new IllegalArgumentException("mode must be backprop or adjoint, got " + mode);
        };
        trainer = trainer(gradients, seed);
    }

    /**
     * The spiral demo's trainer (torchdiffeq's ode_demo.py): batches of 20 segments of 10 time
     * points, RMSprop lr 1e-3, L1 loss. Shared with {@link SpiralBenchmark}; it lives here because
     * ab.sh compiles only this class against the base version of the library.
     */
    static Trainer trainer(GradientMethod gradients, long seed) {
        return Trainer.builder()
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
