package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuralode.neuralode.GradientCheckTest.relativeError;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralode.Grids;
import org.neuralode.data.Segments;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.AdaptiveRungeKutta;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.ExplicitSolver;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.Solvers;
import org.neuralode.solvers.StepSizeController;

/**
 * Backprop's forward pass is the solver's own solve, for every explicit solver and both
 * step-size controllers; its gradient, and the adjoint's, agree with finite differences.
 */
class BackpropThroughSolverTest {

    /** Every explicit solver the library offers, adaptive ones with both controllers. */
    static List<ExplicitSolver> explicitSolvers(double dt, double tolerance) {
        AdaptiveRungeKutta bs = Solvers.bogackiShampine(tolerance, tolerance);
        AdaptiveRungeKutta dp = Solvers.dormandPrince(tolerance, tolerance);
        AdaptiveRungeKutta dop = Solvers.dop853(tolerance, tolerance);
        return List.of(Solvers.euler(dt), Solvers.midpoint(dt), Solvers.heun(dt), Solvers.rk4(dt),
                bs, bs.withController(StepSizeController.pi()),
                dp, dp.withController(StepSizeController.pi()),
                dop, dop.withController(StepSizeController.pi()));
    }

    static Stream<Arguments> solversOfTheIssueTable() {
        return explicitSolvers(0.05, 1e-6).stream().map(s -> Arguments.of(s, s.toString() + controllerName(s)));
    }

    private static String controllerName(Solver s) {
        return s instanceof AdaptiveRungeKutta a ? " " + a.controller() : "";
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("solversOfTheIssueTable")
    void forwardPassIsTheSolversSolve(ExplicitSolver solver, String name) {
        NeuralOde model = NeuralOde.spiralDemo(0);
        double[] h0 = {2, 0, 1, 1, -0.5, 1.5};
        for (double[] times : new double[][] {Grids.linspace(0, 2.5, 10), Grids.linspace(1.5, -1, 10)}) {
            Solution solution = solver.solve(model, h0, times);
            GradientMethod.Pass pass = GradientMethod.backprop(solver).forward(model, h0, times);
            assertEquals(solution.statistics().evaluations(), pass.forwardEvaluations(), name + ": evaluations");
            double largest = 0;
            for (int i = 0; i < times.length; i++) {
                for (int q = 0; q < h0.length; q++) {
                    largest = Math.max(largest, Math.abs(solution.state(i)[q] - pass.predictions()[i][q]));
                }
            }
            assertTrue(largest <= 1e-12, name + ": largest difference " + largest);
        }
    }

    /** dh/dt = net(h^3), net 2-8-2 tanh, three segments of five times on [0, 0.6]. */
    private static NeuralOde model() {
        Mlp net = Mlp.builder(2).dense(8).tanh().dense(2).initialization(Initialization.normal(0.5)).seed(4).build();
        return new NeuralOde(net, FeatureMap.CUBE);
    }

    private static Segments batch() {
        Random random = new Random(9);
        double[] times = {0, 0.15, 0.3, 0.45, 0.6};
        double[] h0 = new double[6];
        for (int q = 0; q < h0.length; q++) {
            h0[q] = random.nextGaussian();
        }
        double[][] targets = new double[times.length][h0.length];
        targets[0] = h0.clone();
        for (int i = 1; i < times.length; i++) {
            for (int q = 0; q < h0.length; q++) {
                targets[i][q] = random.nextGaussian();
            }
        }
        return new Segments(times, h0, targets, 2);
    }

    /** Central differences of the loss of {@code solver}'s solution: dL/dtheta, then dL/dh0. */
    private static double[][] finiteDifferences(NeuralOde model, Solver solver, Segments batch) {
        double[] theta = model.theta();
        double eps = 1e-6;
        double[] dTheta = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            double saved = theta[j];
            theta[j] = saved + eps;
            double plus = Loss.MSE.value(solver.solve(model, batch.h0(), batch.times()).states(), batch.targets());
            theta[j] = saved - eps;
            double minus = Loss.MSE.value(solver.solve(model, batch.h0(), batch.times()).states(), batch.targets());
            theta[j] = saved;
            dTheta[j] = (plus - minus) / (2 * eps);
        }
        return new double[][] {dTheta};
    }

    static Stream<Arguments> solversForGradients() {
        return explicitSolvers(0.01, 1e-10).stream().map(s -> Arguments.of(s, s.toString() + controllerName(s)));
    }

    /**
     * Backprop differentiates the discrete solution: for a fixed-step method exactly the map
     * finite differences see (to 1e-6); for an adaptive one the step sizes are constants, so it
     * is compared with the exact gradient (finite differences of a fine RK4 solve), as is the
     * adjoint, which is accurate to its solver's error: O(dt^p) for a fixed-step method.
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource("solversForGradients")
    void backpropAndAdjointAgreeWithFiniteDifferences(ExplicitSolver solver, String name) {
        NeuralOde model = model();
        Segments batch = batch();
        double[] exact = finiteDifferences(model, Solvers.rk4(0.001), batch)[0];
        boolean adaptive = solver instanceof AdaptiveRungeKutta;
        double[] sameSolver = adaptive ? exact : finiteDifferences(model, solver, batch)[0];
        var backprop = GradientMethod.backprop(solver).lossAndGradient(model, batch, Loss.MSE);
        double backpropError = relativeError(backprop.gradient(), sameSolver);
        assertTrue(backpropError < 1e-6, name + ": backprop vs finite differences " + backpropError);
        var adjoint = GradientMethod.adjoint(solver).lossAndGradient(model, batch, Loss.MSE);
        double adjointError = relativeError(adjoint.gradient(), exact);
        int order = solver.toString().startsWith("Euler") ? 1 : solver.toString().startsWith("RK4") ? 4 : 2;
        double allowed = adaptive ? 1e-6 : 50 * Math.pow(0.01, order) + 1e-6;
        assertTrue(adjointError < allowed, name + ": adjoint vs finite differences " + adjointError
                + " (allowed " + allowed + ")");
    }

    /**
     * Backprop records the steps an {@link ExplicitSolver} reports: every {@code backprop} takes
     * that type, so the compiler refuses an implicit or a Commons Math solver, none of which is one.
     */
    @Test
    void implicitAndCommonsMathSolversDoNotCompileAsBackpropsSolver() {
        int overloads = 0;
        for (java.lang.reflect.Method m : GradientMethod.class.getMethods()) {
            if (m.getName().equals("backprop")) {
                assertEquals(ExplicitSolver.class, m.getParameterTypes()[0], m.toString());
                overloads++;
            }
        }
        assertEquals(2, overloads);
        for (Solver solver : new Solver[] {Solvers.implicitEuler(0.1), Solvers.trapezoid(0.1), Solvers.radau5(1e-6, 1e-8),
            Solvers.commonsMath(new DormandPrince54Integrator(1e-8, 1, 1e-6, 1e-6))}) {
            assertFalse(solver instanceof ExplicitSolver, solver.toString());
        }
    }

    @Test
    void aRecordedStepLimitStopsTheSolveWithItsReason() {
        var e = assertThrows(org.neuralode.solvers.SolverException.class, () -> GradientMethod
                .backprop(Solvers.rk4(0.01), 5).forward(model(), batch().h0(), batch().times()));
        assertEquals(org.neuralode.solvers.SolverException.Reason.TOO_MANY_STEPS, e.reason());
        assertTrue(e.getMessage().contains("maxRecordedSteps"), e.getMessage());
    }
}
