package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.AdaptiveRungeKutta;
import org.neuralode.solvers.Event;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.Solvers;

/** The implicit-function-theorem derivative of an event time, against finite differences. */
class EventTimeTest {

    private static final double[] H0 = {1.0, 0.5};

    /** dh/dt = net(h), net 2-8-2 tanh, plus a drift to the right so that h_0 crosses 1.6. */
    private static NeuralOde model() {
        Mlp net = Mlp.builder(2).dense(8).tanh().dense(2).initialization(org.neuralode.nn.Initialization.normal(0.3))
                .seed(7).build();
        return new NeuralOde(net);
    }

    private static final Event CROSSING = Event.of((t, h) -> h[0] + 0.5 * h[1] - 1.6 + 0.1 * t).terminal();

    private static double eventTime(NeuralOde model, AdaptiveRungeKutta solver, double[] h0) {
        Solution solution = solver.solve(model, h0, new double[] {0, 20}, List.of(CROSSING));
        assertEquals(1, solution.events().size(), "the event must occur");
        return solution.events().get(0).t();
    }

    @Test
    void theEventTimesGradientMatchesFiniteDifferences() {
        AdaptiveRungeKutta solver = Solvers.dormandPrince(1e-11, 1e-13);
        NeuralOde model = model();
        Solution solution = solver.solve(model, H0, new double[] {0, 20}, List.of(CROSSING));
        Solution.EventOccurrence found = solution.events().get(0);
        assertTrue(found.t() > 0.2, "a crossing after a while: t* = " + found.t());
        for (GradientMethod method : List.of(GradientMethod.backprop(solver), GradientMethod.adjoint(solver))) {
            EventTime.Gradient gradient = EventTime.of(method, model, H0, 0, CROSSING, found);
            double[] theta = model.theta();
            double eps = 1e-6;
            double largest = 0;
            for (int j = 0; j < theta.length; j++) {
                largest = Math.max(largest, Math.abs(gradient.parameters()[j]));
            }
            for (int j = 0; j < theta.length; j++) {
                double saved = theta[j];
                theta[j] = saved + eps;
                double plus = eventTime(model, solver, H0);
                theta[j] = saved - eps;
                double minus = eventTime(model, solver, H0);
                theta[j] = saved;
                double finite = (plus - minus) / (2 * eps);
                assertEquals(finite, gradient.parameters()[j], 1e-5 * largest + 1e-7, method + ", theta[" + j + "]");
            }
            for (int k = 0; k < H0.length; k++) {
                double[] plus = H0.clone();
                double[] minus = H0.clone();
                plus[k] += eps;
                minus[k] -= eps;
                double finite = (eventTime(model, solver, plus) - eventTime(model, solver, minus)) / (2 * eps);
                assertEquals(finite, gradient.initialState()[k], 1e-5 * Math.abs(finite) + 1e-7, method + ", h0[" + k + "]");
            }
            assertTrue(largest > 1e-3, "a gradient worth checking: " + largest);
        }
    }
}
