package org.neuralode.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuralode.data.IrregularBatch;
import org.neuralode.data.IrregularSeries;
import org.neuralode.data.PeriodicSeries;
import org.neuralode.neuralode.Adam;
import org.neuralode.neuralode.GradientMethod;
import org.neuralode.neuralode.GruD;
import org.neuralode.neuralode.LatentOde;
import org.neuralode.neuralode.OdeRnn;
import org.neuralode.neuralode.RnnDeltaT;
import org.neuralode.neuralode.TrainableModel;
import org.neuralode.neuralode.Trainer;
import org.neuralode.solvers.Solvers;

/**
 * Notebook 09's table (test MSE of RNN-Δt, GRU-D, ODE-RNN and the latent ODE, interpolation and
 * extrapolation, at 10/30/50 % observed) with the same data, sizes and seeds, for any number of
 * iterations, with the milliseconds per training iteration of each model (wall clock) and the CPU
 * seconds of the whole run.
 *
 * <p>Usage: {@code bench/irregular.sh [--iterations N] [--latent-iterations M] [--models rnn,grud,odernn,latent]
 * [--fractions 0.3,0.5] [--tasks interpolation] [latent ODE settings]}; the defaults are the notebook's:
 * 250 iterations for RNN-Δt, GRU-D and ODE-RNN (Adam 2e-2), 500 for the latent ODE with {@code --lr 2e-2
 * --decay 0.998 --lowest 2e-3 --kl-wait 10 --kl-rate 0.99 --data-mean on --curriculum 400} (its
 * {@code growingHorizon}) {@code --samples 1 --latent 4 --encoder 12 --width 16 --batch 16 --time-scale 1}.
 * The settings before notebook 09's tuning: {@code --latent-iterations 250 --decay 1 --kl-rate 0
 * --data-mean off --curriculum 0}. {@code --every N} prints the test MSE every N iterations;
 * {@code --time-scale k} multiplies the latent ODE's times by k (an experiment, not in the notebook).
 */
public final class IrregularBenchmark {

    private IrregularBenchmark() {
    }

    public static void main(String[] args) {
        int iterations = 250;
        int latentIterations = 500;
        List<String> models = List.of("rnn", "grud", "odernn", "latent");
        double[] fractions = {0.1, 0.3, 0.5};
        List<IrregularSeries.Task> tasks = Arrays.asList(IrregularSeries.Task.values());
        double lr = 2e-2;
        double decay = 0.998;
        double lowest = 2e-3;
        int klWait = 10;
        double klRate = 0.99;
        int samples = 1;
        int latent = 4;
        int encoder = 12;
        int width = 16;
        boolean dataMean = true;
        int every = 0;
        int curriculum = 400;
        int latentBatch = 16;
        double timeScale = 1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--latent-iterations" -> latentIterations = Integer.parseInt(value);
                case "--models" -> models = List.of(value.split(","));
                case "--fractions" -> fractions = Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
                case "--tasks" -> tasks = Arrays.stream(value.split(","))
                        .map(t -> IrregularSeries.Task.valueOf(t.toUpperCase(Locale.ROOT))).toList();
                case "--lr" -> lr = Double.parseDouble(value);
                case "--decay" -> decay = Double.parseDouble(value);
                case "--lowest" -> lowest = Double.parseDouble(value);
                case "--kl-wait" -> klWait = Integer.parseInt(value);
                case "--kl-rate" -> klRate = Double.parseDouble(value);
                case "--samples" -> samples = Integer.parseInt(value);
                case "--latent" -> latent = Integer.parseInt(value);
                case "--encoder" -> encoder = Integer.parseInt(value);
                case "--width" -> width = Integer.parseInt(value);
                case "--data-mean" -> dataMean = value.equals("on");
                case "--every" -> every = Integer.parseInt(value);
                case "--curriculum" -> curriculum = Integer.parseInt(value);
                case "--batch" -> latentBatch = Integer.parseInt(value);
                case "--time-scale" -> timeScale = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; see the class comment");
            }
            i++;
        }
        PeriodicSeries data = PeriodicSeries.generate(100, 50, 5.0, 0.01, 0);
        System.out.printf(Locale.ROOT, "%d iterations per model (latent ODE %d), batch 16, RK4 dt = 0.1; latent ODE:"
                + " Adam %.0e decaying by %s to %s, KL wait %d rate %s, %d samples, latent %d, encoder %d, width %d,"
                + " data mean %s, growing horizon %d, batch %d, time scale %s%n",
                iterations, latentIterations, lr, decay, lowest, klWait, klRate, samples, latent, encoder,
                width, dataMean ? "on" : "off", curriculum, latentBatch, timeScale);
        System.out.printf(Locale.ROOT, "%-9s %-14s", "observed", "task");
        for (String m : models) {
            System.out.printf(Locale.ROOT, " %10s", m);
        }
        System.out.println("   ms per iteration");
        long cpuStart = cpuNanos();
        long wallStart = System.nanoTime();
        for (double p : fractions) {
            IrregularSeries observed = data.observe(p, 1);
            IrregularSeries train = observed.subset(0, 80);
            IrregularSeries test = observed.subset(80, 100);
            double[] mean = train.observedMean();
            for (IrregularSeries.Task task : tasks) {
                IrregularBatch testBatch0 = test.all(task, false);
                List<String> mse = new ArrayList<>();
                List<String> ms = new ArrayList<>();
                for (String m : models) {
                    double scale = m.equals("latent") ? timeScale : 1;
                    IrregularBatch testBatch = scaled(testBatch0, scale);
                    TrainableModel<IrregularBatch> model;
                    Adam adam = new Adam(2e-2);
                    switch (m) {
                        case "rnn" -> model = new RnnDeltaT(1, 12, 16, 0);
                        case "grud" -> model = new GruD(1, 12, 16, 0);
                        case "odernn" -> model = new OdeRnn(1, 12, 16, GradientMethod.backprop(Solvers.rk4(0.1)), 0);
                        case "latent" -> {
                            LatentOde.Builder b = LatentOde.builder().latent(latent).encoderHidden(encoder).fieldWidth(width)
                                    .samples(samples).gradients(GradientMethod.backprop(Solvers.rk4(0.1))).seed(0);
                            if (klRate > 0) {
                                b.klAnnealing(klWait, klRate);
                            }
                            if (curriculum > 0) {
                                b.growingHorizon(curriculum);
                            }
                            if (dataMean) {
                                b.dataMean(mean);
                            }
                            model = b.build();
                            adam = decay == 1 ? new Adam(lr) : new Adam(lr).decaying(decay, lowest);
                        }
                        default -> throw new IllegalArgumentException("unknown model " + m + "; rnn, grud, odernn or latent");
                    }
                    int size = m.equals("latent") ? latentBatch : 16;
                    Trainer trainer = Trainer.builder(model, random -> scaled(train.sample(random, size, task), scale))
                            .optimizer(adam).seed(0).build();
                    if (every > 0) {
                        TrainableModel<IrregularBatch> watched = model;
                        trainer.onProgress(every, progress -> System.out.printf(Locale.ROOT,
                                "  %s iteration %d: loss %.4g, test MSE %.4f%n", m, progress.iteration(), progress.loss(),
                                mse(watched, testBatch)));
                    }
                    int runs = m.equals("latent") ? latentIterations : iterations;
                    trainer.run(runs);
                    ms.add(String.format(Locale.ROOT, "%.1f", 1e3 * trainer.trainingSeconds() / runs));
                    mse.add(String.format(Locale.ROOT, "%10.4f", mse(model, testBatch)));
                }
                System.out.printf(Locale.ROOT, "%-9s %-14s %s   %s%n", Math.round(100 * p) + " %",
                        task.name().toLowerCase(Locale.ROOT), String.join(" ", mse), String.join(" ", ms));
            }
        }
        System.out.printf(Locale.ROOT, "%.1f s wall clock, %.1f s CPU (this process, all threads)%n",
                (System.nanoTime() - wallStart) * 1e-9, (cpuNanos() - cpuStart) * 1e-9);
    }

    private static double mse(TrainableModel<IrregularBatch> model, IrregularBatch testBatch) {
        return model instanceof RnnDeltaT r ? r.meanSquaredError(testBatch)
                : model instanceof GruD g ? g.meanSquaredError(testBatch)
                : model instanceof OdeRnn o ? o.meanSquaredError(testBatch)
                : ((LatentOde) model).meanSquaredError(testBatch);
    }

    static IrregularBatch scaled(IrregularBatch b, double scale) {
        return scale == 1 ? b : new IrregularBatch(Arrays.stream(b.times()).map(t -> t * scale).toArray(), b.values(),
                b.input(), b.target(), b.dimension());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
