package org.neuralode.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import jdk.jshell.execution.LocalExecutionControl;

/**
 * Runs snippets in the kernel's own JVM (JShell's "local" engine) and keeps the value of the last
 * one as a Java object, not only as the string JShell reports.
 *
 * <p>The rich renderers (tables, figures, images) need the object itself. JShell's local engine
 * calls {@code invoke(Method)} with the snippet's generated {@code do_it$} method and turns its
 * result into a string; we hand it a trampoline method instead that calls {@code do_it$} and
 * remembers the result (JShell's own string of it is not needed, and is not computed). Everything else, including {@link #stop()} (which stops
 * the snippet's thread group, ending even {@code while (true) {}}), is JShell's own code.
 * Works on JDK 17, where {@code ThreadGroup.stop} is still available. While running is switched
 * off ({@link #runSnippets}) a snippet is compiled and declared but its code does not run.
 */
final class ResultCapturingExecutionControl extends LocalExecutionControl {

    /** JShell evaluates one snippet at a time, so one slot suffices. */
    private static volatile Method pendingSnippet;
    private static volatile Object lastValue;
    private static volatile boolean hasValue;

    private static final Method TRAMPOLINE;

    static {
        try {
            TRAMPOLINE = ResultCapturingExecutionControl.class.getDeclaredMethod("runPendingSnippet");
            TRAMPOLINE.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** False while a cell is compiled without running: snippets are then declared, not run. */
    private static volatile boolean runSnippets = true;

    /** Switches running off (declare only) or on again; see {@code JavaEvaluator.declareAll}. */
    static void runSnippets(boolean run) {
        runSnippets = run;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (!runSnippets) {
            return "";
        }
        pendingSnippet = doitMethod;
        hasValue = false;
        lastValue = null;
        return super.invoke(TRAMPOLINE);
    }

    /** Called reflectively on the snippet thread in place of the snippet's {@code do_it$}. */
    @SuppressWarnings("unused")
    private static Object runPendingSnippet() throws Throwable {
        CellThreads.snippetStarts();
        try {
            Object value = pendingSnippet.invoke(null);
            lastValue = value;
            hasValue = true;
            // JShell turns the returned value into a string with its toString(), on the kernel's
            // own thread where the stop button cannot reach it; the kernel renders the captured
            // value itself (interruptibly), so JShell gets nothing to format.
            return null;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                // Here, before the error leaves the cell's thread: what JShell and the kernel do
                // next to report it needs memory, and the cell's data may still fill the heap.
                HeapReserve.release("a cell");
            }
            // Unwrap so that JShell reports the user's exception, as it does without us.
            throw e.getCause();
        } catch (OutOfMemoryError e) {
            // (reflection could not even allocate the wrapper of the cell's error)
            HeapReserve.release("a cell");
            throw e;
        } finally {
            CellThreads.snippetEnds();
        }
    }

    /** Returns and forgets the value of the last snippet that ran to completion, or null. */
    static Object takeLastValue() {
        Object value = hasValue ? lastValue : null;
        hasValue = false;
        lastValue = null;
        return value;
    }
}
