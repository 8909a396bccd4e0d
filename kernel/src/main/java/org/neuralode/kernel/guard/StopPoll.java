package org.neuralode.kernel.guard;

/**
 * The stop button's check, woven into a cell's code at every method start and before every
 * backward branch (each turn of a loop), and at the start of the library's methods that loop:
 * a thread the kernel has doomed ends there with {@link Stopped}, however it loops, sleeps or
 * catches. JDK 25's own {@code jshell} stops snippets the same way (its local engine weaves a
 * {@code stopCheck} before backward branches); {@code Thread.stop}, which JShell used before,
 * throws {@code UnsupportedOperationException} from JDK 20 on.
 *
 * <p>A doomed thread stays doomed until it ends: a {@code catch (Throwable t)} inside a loop
 * catches one {@code Stopped}, and the loop's next turn throws the next. The check costs one
 * volatile read while no thread is doomed.
 */
public final class StopPoll {

    private static final Thread[] NONE = new Thread[0];

    /** The threads to end; almost always empty, so {@link #poll()} reads one array length. */
    private static volatile Thread[] doomed = NONE;

    private StopPoll() {
    }

    /** The check woven into cells and the library: ends the current thread if it is doomed. */
    public static void poll() {
        Thread[] threads = doomed;
        if (threads.length != 0) {
            check(threads);
        }
    }

    private static void check(Thread[] threads) {
        Thread current = Thread.currentThread();
        for (Thread thread : threads) {
            if (thread == current) {
                throw new Stopped();
            }
        }
    }

    /** Dooms {@code thread}: it ends at its next check, and it is interrupted in case it waits. */
    public static synchronized void doom(Thread thread) {
        Thread[] now = liveDoomed();
        for (Thread t : now) {
            if (t == thread) {
                thread.interrupt();
                return;
            }
        }
        Thread[] more = java.util.Arrays.copyOf(now, now.length + 1);
        more[now.length] = thread;
        doomed = more;
        thread.interrupt();
    }

    /** Whether {@code thread} is doomed and still alive. */
    public static boolean isDoomed(Thread thread) {
        for (Thread t : doomed) {
            if (t == thread) {
                return thread.isAlive();
            }
        }
        return false;
    }

    /** Forgets the doomed threads that have ended; returns how many are still alive. */
    public static synchronized int forgetEnded() {
        Thread[] live = liveDoomed();
        doomed = live.length == 0 ? NONE : live;
        return live.length;
    }

    private static Thread[] liveDoomed() {
        return java.util.Arrays.stream(doomed).filter(Thread::isAlive).toArray(Thread[]::new);
    }

    /**
     * How a doomed thread ends. An {@code Error}, so that {@code catch (Exception e)} does not
     * catch it; the kernel's cell threads end with it silently.
     */
    public static final class Stopped extends Error {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped by the kernel (the stop button, or the heap guard)", null, false, false);
        }
    }
}
