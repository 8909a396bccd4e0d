package org.neuralode.kernel;

import java.security.Permission;
import java.util.concurrent.ForkJoinPool;

/**
 * Refuses {@code System.exit} and {@code Runtime.halt} from a cell: the cell ends with a
 * {@code SecurityException} saying why, and the session lives on (IJava-style kernels intercept
 * exit the same way). The kernel's own threads may still exit.
 *
 * <p>Java 17 still lets a program install a security manager ({@code -Djava.security.manager=allow}
 * in kernel.json says so explicitly; JEP 411 deprecates the mechanism for removal). This one
 * permits everything else, which is cheap but not free: once it is installed the JDK makes its
 * permission checks (files, network, reflection, system properties), each a call here that
 * returns at once, and JDK code that looks for a security manager takes its guarded path (see
 * {@link #install()} for the common pool). On a JDK that no longer allows it the kernel runs
 * without the guard and logs that. Java 17 prints a deprecation warning of four lines to the
 * process's stderr (the server log) when the guard is installed; it cannot be silenced and is
 * expected.
 */
@SuppressWarnings("removal")
final class ExitGuard extends SecurityManager {

    static final String MESSAGE = "System.exit and Runtime.halt are not allowed in a notebook: they would end"
            + " the kernel and lose every variable. To end a cell early, return or throw an exception;"
            + " to start afresh, restart the kernel";

    /** Installs the guard; call once, before any cell runs. */
    static void install() {
        // The common pool picks "innocuous" worker threads when a security manager exists at its
        // creation; creating it first keeps parallel streams exactly as without the guard.
        ForkJoinPool.commonPool();
        try {
            System.setSecurityManager(new ExitGuard());
        } catch (UnsupportedOperationException | SecurityException e) {
            KernelLog.warn("System.exit in a cell will end the kernel: this JDK refuses a security manager (" + e + ")");
        }
    }

    @Override
    public void checkExit(int status) {
        if (CellThreads.isCellThread(Thread.currentThread())) {
            throw new SecurityException(MESSAGE);
        }
    }

    @Override
    public void checkPermission(Permission permission) {
        // Everything else is allowed: the guard is about exit only.
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        // Everything else is allowed: the guard is about exit only.
    }
}
