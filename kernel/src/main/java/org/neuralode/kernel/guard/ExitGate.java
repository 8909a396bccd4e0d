package org.neuralode.kernel.guard;

/**
 * Decides whether the process may end: {@code Runtime.exit} (and so {@code System.exit}) and
 * {@code Runtime.halt} call {@link #check(int)} first, woven in by the kernel's agent
 * ({@code KernelAgent}). While the gate is closed every exit throws a {@link SecurityException}
 * on the thread that asked, whichever way it asked (a direct call, reflection, a method handle,
 * a thread or a library); the kernel opens the gate just before it ends the process itself.
 *
 * <p>This replaces the Security Manager's {@code checkExit}, which JDK 17 deprecates for removal
 * (JEP 411) and JDK 24 removes (JEP 486).
 */
public final class ExitGate {

    /** The refusal's message while closed; null while open. */
    private static volatile String refusal;

    private ExitGate() {
    }

    /** Refuses every exit from now on, with {@code message}. */
    public static void close(String message) {
        refusal = message == null ? "System.exit is not allowed here" : message;
    }

    /** Lets exits through again (the kernel, as it shuts down). */
    public static void open() {
        refusal = null;
    }

    /** Whether exits are refused. */
    public static boolean isClosed() {
        return refusal != null;
    }

    /**
     * Called at the start of {@code Runtime.exit} and {@code Runtime.halt}.
     *
     * @param status the exit status asked for
     * @throws SecurityException while the gate is closed
     */
    public static void check(int status) {
        String message = refusal;
        if (message != null) {
            throw new SecurityException(message + " (asked: exit status " + status + ")");
        }
    }
}
