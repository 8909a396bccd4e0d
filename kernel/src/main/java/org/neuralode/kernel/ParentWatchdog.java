package org.neuralode.kernel;

import java.util.Optional;
import org.neuralode.kernel.guard.ExitGate;

/**
 * Ends the kernel when the Jupyter process that started it is gone, as ipykernel's parent
 * poller does: jupyter_client passes its pid in {@code JPY_PARENT_PID}; without it we watch the
 * process that launched us. A kernel must not linger holding ports and memory.
 */
final class ParentWatchdog {

    private ParentWatchdog() {
    }

    static void start() {
        Optional<ProcessHandle> parent = parentToWatch();
        if (parent.isEmpty()) {
            return;
        }
        ProcessHandle watched = parent.get();
        if (!watched.isAlive()) {
            ExitGate.open();
                    Runtime.getRuntime().halt(0);
        }
        Thread watcher = new Thread(() -> {
            while (true) {
                if (!watched.isAlive()) {
                    ExitGate.open();
                    Runtime.getRuntime().halt(0);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static Optional<ProcessHandle> parentToWatch() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid != null && !pid.isBlank()) {
            try {
                long id = Long.parseLong(pid.strip());
                if (id > 1) {
                    Optional<ProcessHandle> parent = ProcessHandle.of(id);
                    if (parent.isEmpty()) {
                        // The parent died before we looked: nobody will ever talk to us.
                        ExitGate.open();
                    Runtime.getRuntime().halt(0);
                    }
                    return parent;
                }
            } catch (NumberFormatException ignored) {
                // Fall back to the launching process.
            }
        }
        return ProcessHandle.current().parent().filter(p -> p.pid() > 1);
    }
}
