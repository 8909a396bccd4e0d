package org.neuralode.bench;

import java.util.Locale;
import org.neuralode.data.IrregularBatch;
import org.neuralode.data.IrregularSeries;
import org.neuralode.data.PeriodicSeries;
import org.neuralode.neuralode.Adam;
import org.neuralode.neuralode.GradientMethod;
import org.neuralode.neuralode.LatentOde;
import org.neuralode.neuralode.OdeRnn;
import org.neuralode.neuralode.RnnDeltaT;
import org.neuralode.neuralode.TrainableModel;
import org.neuralode.neuralode.Trainer;
import org.neuralode.solvers.Solvers;

/**
 * Notebook 09's table (test MSE of RNN-Δt, ODE-RNN and the latent ODE, interpolation and
 * extrapolation, at 10/30/50 % observed) with the same data, sizes and seeds, for any number of
 * iterations, with the milliseconds per training iteration of each model.
 *
 * <p>Usage: {@code bench/irregular.sh --iterations N} (the notebook trains 250).
 */
public final class IrregularBenchmark {

    private IrregularBenchmark() {
    }

    public static void main(String[] args) {
        int iterations = 250;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--iterations")) {
                iterations = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: --iterations N");
            }
        }
        PeriodicSeries data = PeriodicSeries.generate(100, 50, 5.0, 0.01, 0);
        String[] kinds = {"RNN-dt", "ODE-RNN", "latent ODE"};
        System.out.printf(Locale.ROOT, "%d iterations per model, batch 16, Adam 2e-2, RK4 dt = 0.1 (notebook 09's settings)%n",
                iterations);
        System.out.printf(Locale.ROOT, "%-9s %-14s %10s %10s %10s   ms per iteration%n", "observed", "task",
                kinds[0], kinds[1], kinds[2]);
        for (double p : new double[] {0.1, 0.3, 0.5}) {
            IrregularSeries observed = data.observe(p, 1);
            IrregularSeries train = observed.subset(0, 80);
            IrregularSeries test = observed.subset(80, 100);
            for (IrregularSeries.Task task : IrregularSeries.Task.values()) {
                IrregularBatch testBatch = test.all(task, false);
                double[] mse = new double[3];
                double[] ms = new double[3];
                for (int m = 0; m < 3; m++) {
                    TrainableModel<IrregularBatch> model = switch (m) {
                        case 0 -> new RnnDeltaT(1, 12, 16, 0);
                        case 1 -> new OdeRnn(1, 12, 16, GradientMethod.backprop(Solvers.rk4(0.1)), 0);
                        default -> LatentOde.builder().latent(4).encoderHidden(12).fieldWidth(16)
                                .gradients(GradientMethod.backprop(Solvers.rk4(0.1))).seed(0).build();
                    };
                    Trainer trainer = Trainer.builder(model, random -> train.sample(random, 16, task))
                            .optimizer(new Adam(2e-2)).seed(0).build();
                    trainer.run(iterations);
                    ms[m] = 1e3 * trainer.trainingSeconds() / iterations;
                    mse[m] = model instanceof RnnDeltaT r ? r.meanSquaredError(testBatch)
                            : model instanceof OdeRnn o ? o.meanSquaredError(testBatch)
                            : ((LatentOde) model).meanSquaredError(testBatch);
                }
                System.out.printf(Locale.ROOT, "%-9s %-14s %10.4f %10.4f %10.4f   %.1f %.1f %.1f%n",
                        Math.round(100 * p) + " %", task.name().toLowerCase(Locale.ROOT), mse[0], mse[1], mse[2],
                        ms[0], ms[1], ms[2]);
            }
        }
    }
}
