package org.neuralode.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.neuralode.kernel.guard.StopPoll;

/**
 * The threads that cells run on and the threads those cells started.
 *
 * <p>JShell runs each snippet on a new thread in a new thread group; a thread the snippet starts
 * (directly, or through an executor's thread factory) joins its creator's group. The kernel
 * records every snippet's group with the cell it belongs to, so that it can tell a cell's
 * thread from its own, interrupt what a cell left running when the stop
 * button is pressed, and list it ({@code %threads}).
 */
final class CellThreads {

    /** A thread started by a cell and still alive. */
    record Running(Thread thread, String cell) {
        String describe() {
            return thread.getName() + " (" + thread.getState().toString().toLowerCase(java.util.Locale.ROOT)
                    + ", started by " + cell + ")";
        }
    }

    /**
     * Each snippet's thread group and the cell it ran for. The keys are weak, but on JDK 17 that
     * frees nothing: a thread group's parent holds it until it is destroyed, and JShell never
     * destroys its snippet groups (children of the evaluating thread's group, "main"), so the map
     * keeps one small entry per snippet run for the kernel's lifetime.
     */
    private static final Map<ThreadGroup, String> CELL_BY_GROUP = new WeakHashMap<>();
    private static volatile String currentCell = "a cell";
    private static volatile Thread currentSnippetThread;

    private CellThreads() {
    }

    /** Names the cell whose snippets run next, e.g. "In [3]". */
    static void cellStarts(String cell) {
        currentCell = cell;
    }

    /** Called on a snippet's thread as it starts: records its group as the current cell's. */
    static void snippetStarts() {
        currentSnippetThread = Thread.currentThread();
        synchronized (CELL_BY_GROUP) {
            CELL_BY_GROUP.put(Thread.currentThread().getThreadGroup(), currentCell);
        }
    }

    /** Called on a snippet's thread as it ends. */
    static void snippetEnds() {
        currentSnippetThread = null;
    }

    /** The live threads that cells started, other than the snippet threads themselves. */
    static List<Running> running() {
        List<Running> running = new ArrayList<>();
        synchronized (CELL_BY_GROUP) {
            for (Map.Entry<ThreadGroup, String> entry : CELL_BY_GROUP.entrySet()) {
                Thread[] threads = new Thread[entry.getKey().activeCount() + 8];
                int n = entry.getKey().enumerate(threads, true);
                for (int i = 0; i < n; i++) {
                    if (threads[i].isAlive() && !isSnippetThread(threads[i]) && !isCommonPoolWorker(threads[i])) {
                        running.add(new Running(threads[i], entry.getValue()));
                    }
                }
            }
        }
        return running;
    }

    /**
     * A worker of the common fork-join pool (parallel streams) joins the group of the thread
     * that made the pool grow, a cell's; it is the JDK's, shared by every cell, not the cell's own.
     */
    private static boolean isCommonPoolWorker(Thread thread) {
        return thread instanceof java.util.concurrent.ForkJoinWorkerThread worker
                && worker.getPool() == java.util.concurrent.ForkJoinPool.commonPool();
    }

    /** The thread of the snippet running now (JShell itself stops it); it ends with its snippet. */
    private static boolean isSnippetThread(Thread thread) {
        return thread == currentSnippetThread;
    }

    /**
     * Interrupts every thread that cells started; those still alive after {@code graceMillis}
     * are stopped. Returns the threads that were asked to end.
     */
    static List<Running> interruptAll(long graceMillis) {
        List<Running> running = running();
        for (Running r : running) {
            r.thread().interrupt();
        }
        if (running.isEmpty()) {
            return running;
        }
        Thread enforcer = new Thread(() -> {
            long deadline = System.nanoTime() + graceMillis * 1_000_000L;
            for (Running r : running) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
                try {
                    r.thread().join(left);
                } catch (InterruptedException e) {
                    return;
                }
                if (r.thread().isAlive()) {
                    forceStop(r.thread());
                }
            }
        }, "stop-cell-threads");
        enforcer.setDaemon(true);
        enforcer.start();
        return running;
    }

    /** Ends a thread that ignores its interrupt at its next stop check (as a cell's own thread). */
    private static void forceStop(Thread thread) {
        StopPoll.doom(thread);
    }
}
