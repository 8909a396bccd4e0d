package org.neuralode.neuralode;

import org.neuralode.solvers.Event;
import org.neuralode.solvers.Solution;

/**
 * The derivative of an event time with respect to the parameters and the initial state of a
 * neural ODE, by the implicit function theorem (torchdiffeq's {@code odeint_event}; Chen, Amos and
 * Nickel, "Learning neural event functions for ordinary differential equations", ICLR 2021,
 * Section 3). The event time {@code t*} is defined by {@code g(t*, h(t*; theta, h0)) = 0}; differentiating,
 * <pre>
 *   dt* / dtheta = - (dg/dh . dh(t*)/dtheta) / (dg/dt + dg/dh . f(t*, h(t*))),
 * </pre>
 * and the same with {@code h0} for {@code theta}. The numerator is the vector-Jacobian product of
 * the state at the (fixed) time {@code t*} with the cotangent {@code a = dg/dh}: the gradient of
 * the "loss" {@code a . h(t*)}, which any {@link GradientMethod} computes; the denominator is the
 * rate at which {@code g} changes along the solution, non-zero at a transversal crossing.
 * The partial derivatives of {@code g} come from central differences (step {@code eps^(1/3)}
 * relative), exact for an affine {@code g} up to rounding.
 */
public final class EventTime {

    /**
     * The derivatives of an event time.
     *
     * @param t            the event time {@code t*}
     * @param parameters   {@code dt* / dtheta}
     * @param initialState {@code dt* / dh0}
     */
    public record Gradient(double t, double[] parameters, double[] initialState) {
    }

    private EventTime() {
    }

    /**
     * @param method the gradient method for the state's sensitivity (its solver solves to {@code t*} again)
     * @param model  the neural ODE, at the parameters of the solve that found the event
     * @param h0     the initial state of that solve
     * @param t0     its initial time
     * @param event  the event's function
     * @param found  the occurrence the solve reported
     * @return {@code dt* / dtheta} and {@code dt* / dh0}
     * @throws IllegalArgumentException if {@code g} does not change along the solution at {@code t*}
     *                                  (a tangential zero, where {@code t*} is not differentiable)
     */
    public static Gradient of(GradientMethod method, NeuralOde model, double[] h0, double t0, Event event,
                              Solution.EventOccurrence found) {
        double tStar = found.t();
        double[] hStar = found.h();
        Event.Function g = event.function();
        int n = hStar.length;
        double[] dgdh = new double[n];
        for (int k = 0; k < n; k++) {
            double step = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(hStar[k]));
            double[] plus = hStar.clone();
            double[] minus = hStar.clone();
            plus[k] += step;
            minus[k] -= step;
            dgdh[k] = (g.at(tStar, plus) - g.at(tStar, minus)) / (plus[k] - minus[k]);
        }
        double tStep = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(tStar));
        double dgdt = (g.at(tStar + tStep, hStar.clone()) - g.at(tStar - tStep, hStar.clone())) / (2 * tStep);
        double[] f = model.at(tStar, hStar.clone());
        double rate = dgdt;
        for (int k = 0; k < n; k++) {
            rate += dgdh[k] * f[k];
        }
        if (!(Math.abs(rate) > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("the event function does not change along the solution at t* = " + tStar
                    + " (dg/dt + dg/dh . f = " + rate + "): a tangential zero has no derivative");
        }
        GradientMethod.Pass pass = method.forward(model, h0, new double[] {t0, tStar});
        double[][] cotangents = {new double[n], dgdh};
        GradientMethod.Gradient vjp = pass.backward(cotangents);
        double[] parameters = vjp.parameters().clone();
        double[] initialState = vjp.initialState().clone();
        for (int j = 0; j < parameters.length; j++) {
            parameters[j] /= -rate;
        }
        for (int k = 0; k < initialState.length; k++) {
            initialState[k] /= -rate;
        }
        return new Gradient(tStar, parameters, initialState);
    }
}
