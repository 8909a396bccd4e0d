package org.neuralode.solvers;

/**
 * An event of a solve: a zero of a scalar <em>event function</em> {@code g(t, h)} along the
 * solution, such as a ball reaching the floor ({@code g = height}) or a state reaching a threshold
 * ({@code g = h_0 - 10}). An {@link EventSolver} locates every zero by root finding on its dense
 * output between the ends of each accepted step, where {@code g} changes sign, so it never steps
 * past one unseen (a zero crossed and recrossed within one step is missed, as in scipy's
 * {@code solve_ivp(events=...)}; the steps are short where the solution turns fast). A
 * <em>terminal</em> event ends the solve at its time (torchdiffeq's {@code odeint_event}).
 *
 * <p>A zero at the very start counts when {@code g} then moves in the event's direction: a
 * falling event with {@code g(t0) = 0} and {@code g} rising after it (a ball just bounced) is no event.
 */
public final class Event {

    /** The event function {@code g(t, h)}, continuous along the solution. */
    @FunctionalInterface
    public interface Function {
        /**
         * @param t the time
         * @param h the state; implementations must not modify it
         * @return {@code g(t, h)}
         */
        double at(double t, double[] h);
    }

    /** Which sign changes of {@code g}, in the direction of integration, are events. */
    public enum Direction {
        /** Both. */
        ANY,
        /** From negative to positive. */
        RISING,
        /** From positive to negative. */
        FALLING
    }

    private final Function function;
    private final Direction direction;
    private final boolean terminal;

    /**
     * @param function  the event function {@code g(t, h)}
     * @param direction which crossings count
     * @param terminal  whether the solve stops at the first one
     */
    public Event(Function function, Direction direction, boolean terminal) {
        if (function == null) {
            throw new IllegalArgumentException("function must not be null");
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction must not be null (Direction.ANY for both)");
        }
        this.function = function;
        this.direction = direction;
        this.terminal = terminal;
    }

    /** @return the event function */
    public Function function() {
        return function;
    }

    /** @return which crossings count */
    public Direction direction() {
        return direction;
    }

    /** @return whether the solve stops at the first occurrence */
    public boolean isTerminal() {
        return terminal;
    }

    /** @return a non-terminal event at every zero of {@code g}, in either direction */
    public static Event of(Function g) {
        return new Event(g, Direction.ANY, false);
    }

    /** @return a copy that ends the solve at its first occurrence */
    public Event terminal() {
        return new Event(function, direction, true);
    }

    /** @return a copy that counts only zeros where {@code g} goes from negative to positive */
    public Event rising() {
        return new Event(function, Direction.RISING, terminal);
    }

    /** @return a copy that counts only zeros where {@code g} goes from positive to negative */
    public Event falling() {
        return new Event(function, Direction.FALLING, terminal);
    }

    /** Whether {@code g} going from {@code before} to {@code after} (in the direction of integration) is this event. */
    boolean crossedBetween(double before, double after) {
        boolean rising = before <= 0 && after >= 0 && !(before == 0 && after == 0);
        boolean falling = before >= 0 && after <= 0 && !(before == 0 && after == 0);
        return switch (direction) {
            case ANY -> rising || falling;
            case RISING -> rising;
            case FALLING -> falling;
        };
    }

    @Override
    public String toString() {
        return (terminal ? "terminal " : "") + direction.name().toLowerCase(java.util.Locale.ROOT) + " event";
    }
}
