package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralode.Grids;
import org.neuralode.equations.Reciprocal;

/** Events located on the dense output, by every solver that locates them. */
class EventTest {

    static Stream<Arguments> eventSolvers() {
        List<EventSolver> solvers = List.of(Solvers.dormandPrince(1e-10, 1e-12), Solvers.dop853(1e-10, 1e-12),
                Solvers.radau5(1e-10, 1e-12));
        return solvers.stream().map(s -> Arguments.of(s, s.toString()));
    }

    /**
     * The seed's Reciprocal runs into its pole y = -0.5 at t = 11.25, where dh/dt = 1/(shift + scale y)
     * is infinite: a terminal event on the denominator reaching 1e-4 stops the solve just before,
     * at t = 11.25 - (1e-4)^2 / (2 |scale|) by the implicit solution, instead of an exception.
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource("eventSolvers")
    void theReciprocalsPoleIsFoundAsAnEvent(EventSolver solver, String name) {
        double[] t = Grids.linspace(0, 12, 121);
        Reciprocal reciprocal = new Reciprocal(t, 1, Map.of("shift", -5.0, "scale", -10.0));
        Event nearPole = Event.of((time, h) -> Math.abs(-5 - 10 * h[0]) - 1e-4).falling().terminal();
        Solution solution = solver.solve(reciprocal.vectorField(), new double[] {1}, t, List.of(nearPole));
        assertEquals(1, solution.events().size(), name);
        Solution.EventOccurrence event = solution.events().get(0);
        double expected = reciprocal.poleTime() - 1e-8 / 20;
        // near the pole the solution is ill-conditioned: Dormand-Prince's (global error 4e-10 relative)
        // reaches the threshold 4.6e-9 late, DOP853's and Radau's within 1e-9
        assertEquals(expected, event.t(), 1e-8, name);
        assertEquals(-0.5 + 1e-5, event.h()[0], 1e-8, name);
        // the outputs stop at the last requested time before the event: 11.2
        double[] reached = solution.times();
        assertEquals(113, reached.length, name);
        assertEquals(11.2, reached[reached.length - 1], 1e-12, name);
        assertEquals(reciprocal.exact(11.2), solution.last()[0], 1e-8, name);
    }

    /** A ball dropped from 1 m, bouncing with restitution 0.8: each bounce a terminal event, then a restart. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("eventSolvers")
    void aBouncingBallHitsTheFloorWhenNewtonSays(EventSolver solver, String name) {
        double gravity = 9.81;
        double restitution = 0.8;
        VectorField ball = (time, h) -> new double[] {h[1], -gravity};
        Event floor = Event.of((time, h) -> h[0]).falling().terminal();
        double[] state = {1, 0};
        double start = 0;
        List<Double> bounces = new ArrayList<>();
        for (int bounce = 0; bounce < 4; bounce++) {
            Solution flight = solver.solve(ball, state, new double[] {start, start + 10}, List.of(floor));
            assertEquals(1, flight.events().size(), name + ", bounce " + bounce);
            Solution.EventOccurrence hit = flight.events().get(0);
            assertEquals(0, hit.h()[0], 1e-9, name);
            bounces.add(hit.t());
            start = hit.t();
            state = new double[] {0, -restitution * hit.h()[1]};
        }
        // closed form: first fall sqrt(2/g), then flights of 2 v_k / g with v_k = e^k sqrt(2 g)
        double speed = Math.sqrt(2 * gravity);
        double expected = Math.sqrt(2 / gravity);
        for (int k = 0; k < 4; k++) {
            assertEquals(expected, bounces.get(k), 1e-9, name + ", bounce " + k);
            speed *= restitution;
            expected += 2 * speed / gravity;
        }
    }

    /** cos t falls through 0 at pi/2 and 5pi/2 and rises at 3pi/2: the direction picks which count. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("eventSolvers")
    void theDirectionOfCrossingIsSelectable(EventSolver solver, String name) {
        Event.Function x = (time, h) -> h[0];
        double[] times = Grids.linspace(0, 10, 11);
        Solution solution = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, times,
                List.of(Event.of(x), Event.of(x).rising(), Event.of(x).falling()));
        assertEquals(times.length, solution.times().length, name + ": non-terminal events do not stop the solve");
        List<Double> any = new ArrayList<>();
        List<Double> rising = new ArrayList<>();
        List<Double> falling = new ArrayList<>();
        for (Solution.EventOccurrence occurrence : solution.events()) {
            (occurrence.event() == 0 ? any : occurrence.event() == 1 ? rising : falling).add(occurrence.t());
            assertEquals(0, occurrence.h()[0], 1e-9, name);
            assertEquals(Math.cos(occurrence.t()), occurrence.h()[0], 1e-9, name);
        }
        assertEquals(List.of(0.5, 1.5, 2.5), any.stream().map(v -> Math.round(v / Math.PI * 10) / 10.0).toList(), name);
        assertEquals(1.5 * Math.PI, rising.get(0), 1e-9, name);
        assertEquals(1, rising.size(), name);
        assertEquals(2, falling.size(), name);
        assertEquals(0.5 * Math.PI, falling.get(0), 1e-9, name);
        assertEquals(2.5 * Math.PI, falling.get(1), 1e-9, name);
        for (int i = 1; i < solution.events().size(); i++) {
            assertTrue(solution.events().get(i).t() >= solution.events().get(i - 1).t(), name + ": in order");
        }
    }

    /**
     * An event function zero at the start counts if it then moves in the event's direction: cos t
     * starts at 1 and falls, so g = cos t - 1 has a falling event at t = 0 and no rising one.
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource("eventSolvers")
    void anEventAtTheVeryStart(EventSolver solver, String name) {
        Event.Function g = (time, h) -> h[0] - 1;
        double[] times = {0, 1, 2};
        Solution rising = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, times, List.of(Event.of(g).rising()));
        assertTrue(rising.events().isEmpty(), name + ": " + rising.events());
        Solution stopped = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, times,
                List.of(Event.of(g).falling().terminal()));
        assertEquals(1, stopped.events().size(), name);
        assertEquals(0, stopped.events().get(0).t(), 0, name);
        assertArrayEquals(new double[] {1, 0}, stopped.events().get(0).h(), 1e-12, name);
        assertArrayEquals(new double[] {0}, stopped.times(), 0, name + ": only the start was reached");
    }

    /** Backward in time, directions refer to the direction of integration. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("eventSolvers")
    void eventsAreLocatedBackwardInTime(EventSolver solver, String name) {
        // from t = 2 back to 0, cos t goes from cos 2 < 0 up through 0 at pi/2: rising in the direction of integration
        Solution solution = solver.solve(Problems.OSCILLATOR, new double[] {Math.cos(2), -Math.sin(2)},
                new double[] {2, 0}, List.of(Event.of((time, h) -> h[0]).rising().terminal()));
        assertEquals(1, solution.events().size(), name);
        assertEquals(Math.PI / 2, solution.events().get(0).t(), 1e-9, name);
        assertEquals(1, solution.times().length, name);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("eventSolvers")
    void badEventsAreRefused(EventSolver solver, String name) {
        assertThrows(IllegalArgumentException.class, () -> Event.of(null));
        assertThrows(IllegalArgumentException.class, () -> solver.solve(Problems.OSCILLATOR, new double[] {1, 0},
                new double[] {0, 1}, null));
        SolverException e = assertThrows(SolverException.class, () -> solver.solve(Problems.OSCILLATOR,
                new double[] {1, 0}, new double[] {0, 1}, List.of(Event.of((time, h) -> Double.NaN))));
        assertEquals(SolverException.Reason.NON_FINITE, e.reason(), name);
    }
}
