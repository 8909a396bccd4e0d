package org.neuralode.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.neuralode.kernel.guard.StopPoll;

/**
 * Runs snippets in the kernel's own JVM, each on a thread of its own, keeps the value of the last
 * one as a Java object (not only as the string JShell makes of it), and stops a snippet when asked.
 *
 * <p>This is JShell's local engine ({@code LocalExecutionControl}) with its stop made the same on
 * every JDK: JDK 17's called {@code ThreadGroup.stop}, which JDK 20 disabled, and JDK 22's weaves
 * its own check. Here {@link #stop()} dooms the snippet's thread ({@link StopPoll}): the checks
 * that {@link KernelAgent} wove into the cell's code end it at its next loop turn or call, and
 * an interrupt wakes it if it sleeps or waits. A snippet that still runs {@link #ABANDON_MILLIS}
 * after the stop (inside code without checks, the JDK's say) is left to end by itself, doomed,
 * and the cell ends as stopped: the session is never held by it.
 *
 * <p>The rich renderers (tables, figures, images) need the value itself; JShell's own string of
 * it is not needed and not computed (the kernel renders the value, interruptibly). While running
 * is switched off ({@link #runSnippets(boolean)}) a snippet is compiled and declared but its code
 * does not run.
 */
final class CellExecutionControl extends DirectExecutionControl {

    /** How long a stopped snippet may take to end before the cell is reported stopped without it. */
    static final long ABANDON_MILLIS = 2000;

    /** JShell evaluates one snippet at a time, so one slot suffices. */
    private volatile Object lastValue;
    private volatile boolean hasValue;
    private volatile boolean runSnippets = true;
    private volatile Thread snippetThread;
    private volatile long stoppedAt;

    /** Hands JShell a new engine and keeps it for the evaluator. */
    static final class Provider implements ExecutionControlProvider {
        private volatile CellExecutionControl control;

        @Override
        public String name() {
            return "neuralode-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CellExecutionControl();
            return control;
        }

        CellExecutionControl control() {
            return control;
        }
    }

    /** Switches running off (declare only) or on again; see {@code JavaEvaluator.declareOnly}. */
    void runSnippets(boolean run) {
        runSnippets = run;
    }

    /** The methods of the snippets compiled while running was off, in order (see {@link #runDeclared}). */
    private final java.util.List<Method> declaredMethods = new java.util.ArrayList<>();

    /** Returns and forgets the methods of the snippets compiled since the last call while running was off. */
    java.util.List<Method> takeDeclaredMethods() {
        java.util.List<Method> methods = java.util.List.copyOf(declaredMethods);
        declaredMethods.clear();
        return methods;
    }

    /**
     * Runs a snippet compiled while running was off, as JShell would have run it then: its value
     * is kept ({@link #takeLastValue}); what it throws comes wrapped in an
     * {@link InvocationTargetException}; a stop ends it with a {@link StoppedException}.
     */
    void runDeclared(Method doitMethod) throws Exception {
        invoke(doitMethod);
        System.out.flush();
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (!runSnippets) {
            declaredMethods.add(doitMethod);
            return "";
        }
        hasValue = false;
        lastValue = null;
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        ThreadGroup group = new CellThreadGroup();
        Thread thread = new Thread(group, () -> {
            CellThreads.snippetStarts();
            CellStreams.ownSnippetThread();
            try {
                value[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof OutOfMemoryError) {
                    // Here, before the error leaves the cell's thread: what JShell and the kernel do
                    // next to report it needs memory, and the cell's data may still fill the heap.
                    HeapReserve.release("a cell");
                }
                failure[0] = e.getCause();
            } catch (OutOfMemoryError e) {
                // (reflection could not even allocate the wrapper of the cell's error)
                HeapReserve.release("a cell");
                failure[0] = e;
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                CellThreads.snippetEnds();
            }
        }, "cell");
        stoppedAt = 0;
        snippetThread = thread;
        thread.start();
        try {
            while (thread.isAlive()) {
                thread.join(50);
                long stopped = stoppedAt;
                if (stopped != 0 && System.nanoTime() - stopped > ABANDON_MILLIS * 1_000_000L && thread.isAlive()) {
                    KernelLog.warn("a stopped cell's thread still runs (code without stop checks); left to end by itself");
                    break;
                }
            }
        } finally {
            snippetThread = null;
        }
        if (stoppedAt != 0) {
            throw new StoppedException();
        }
        Throwable thrown = failure[0];
        if (thrown instanceof StopPoll.Stopped) {
            throw new StoppedException();
        }
        if (thrown != null) {
            // as DirectExecutionControl expects of a snippet that threw: it reports the cause
            throw new InvocationTargetException(thrown);
        }
        lastValue = value[0];
        hasValue = true;
        return "";
    }

    /** Stops the running snippet (the stop button, the heap guard); see the class comment. */
    @Override
    public void stop() {
        Thread thread = snippetThread;
        if (thread != null) {
            stoppedAt = System.nanoTime();
            StopPoll.doom(thread);
        }
    }

    /** Returns and forgets the value of the last snippet that ran to completion, or null. */
    Object takeLastValue() {
        Object value = hasValue ? lastValue : null;
        hasValue = false;
        lastValue = null;
        return value;
    }

    /** The group of a snippet's thread and of the threads it starts: a stop ends them silently. */
    private static final class CellThreadGroup extends ThreadGroup {
        CellThreadGroup() {
            super("cell");
        }

        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            if (!(e instanceof StopPoll.Stopped)) {
                super.uncaughtException(thread, e);
            }
        }
    }
}
