package org.neuralode.solvers;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;

/**
 * Runs any Commons Math {@link FirstOrderIntegrator} (e.g. {@code DormandPrince54Integrator},
 * {@code GraggBulirschStoerIntegrator}) through the {@link Solver} interface: a cross-check of
 * this package's solvers against an independent implementation. The output times are taken
 * from Commons Math's own step interpolator during one integration from the first to the last
 * time.
 *
 * <p>Statistics: evaluations and accepted steps as Commons Math reports them; Commons Math does
 * not report rejected steps, so they count as 0. The integrator's other step handlers are kept;
 * the adapter is not thread-safe because the integrator is not.
 */
public final class CommonsMathSolver implements Solver {

    private final FirstOrderIntegrator integrator;

    /** @param integrator a configured Commons Math integrator */
    public CommonsMathSolver(FirstOrderIntegrator integrator) {
        if (integrator == null) {
            throw new IllegalArgumentException("integrator must not be null");
        }
        this.integrator = integrator;
    }

    @Override
    public Solution solve(VectorField f, double[] h0, double[] times) {
        double[][] states = Checks.outputStates(h0, times);
        if (times.length == 1) {
            return new Solution(times, states, List.of(), new Solution.Statistics(0, 0, 0));
        }
        List<Solution.Step> steps = new ArrayList<>();
        FirstOrderDifferentialEquations equations = equations(f, h0.length);
        StepHandler sampler = new Sampler(times, states, steps);
        List<StepHandler> others = new ArrayList<>(integrator.getStepHandlers());
        integrator.clearStepHandlers();
        integrator.addStepHandler(sampler);
        others.forEach(integrator::addStepHandler);
        double[] y = h0.clone();
        try {
            integrator.integrate(equations, times[0], y, times[times.length - 1], y);
        } catch (MathIllegalStateException | MathIllegalArgumentException e) {
            double t = steps.isEmpty() ? times[0] : steps.get(steps.size() - 1).t() + steps.get(steps.size() - 1).dt();
            throw new SolverException(SolverException.Reason.INTEGRATOR_FAILED, t, Double.NaN, "Commons Math's "
                    + integrator.getName() + " failed: " + e.getMessage());
        } finally {
            integrator.clearStepHandlers();
            others.forEach(integrator::addStepHandler);
        }
        for (int i = 0; i < states.length; i++) {
            int bad = Checks.firstNonFinite(states[i]);
            if (bad >= 0) {
                throw new SolverException(SolverException.Reason.NON_FINITE, times[i], Double.NaN, "Commons Math's "
                        + integrator.getName() + " returned a non-finite state: h[" + bad + "] = " + states[i][bad]);
            }
        }
        return new Solution(times, states, steps,
                new Solution.Statistics(integrator.getEvaluations(), steps.size(), 0));
    }

    /** The vector field as Commons Math's equations; {@link Checks#evaluate} hands it a copy of the state. */
    private static FirstOrderDifferentialEquations equations(VectorField f, int n) {
        return new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                System.arraycopy(Checks.evaluate(f, t, y), 0, yDot, 0, n);
            }
        };
    }

    /** Records each step and writes the output times it reached, from Commons Math's interpolator. */
    private static final class Sampler implements StepHandler {
        private final double[] times;
        private final double[][] states;
        private final List<Solution.Step> steps;
        private final double direction;
        private int next = 1;

        Sampler(double[] times, double[][] states, List<Solution.Step> steps) {
            this.times = times;
            this.states = states;
            this.steps = steps;
            this.direction = Math.signum(times[times.length - 1] - times[0]);
        }

        @Override
        public void init(double t0, double[] y0, double t) {
            next = 1;
        }

        @Override
        public void handleStep(StepInterpolator interpolator, boolean isLast) {
            double tStart = interpolator.getPreviousTime();
            double tEnd = interpolator.getCurrentTime();
            steps.add(new Solution.Step(tStart, tEnd - tStart, true));
            while (next < times.length && (direction * (times[next] - tEnd) <= 0 || isLast)) {
                interpolator.setInterpolatedTime(times[next]);
                states[next++] = interpolator.getInterpolatedState().clone();
            }
        }
    }

    @Override
    public String toString() {
        return "Commons Math " + integrator.getName();
    }
}
