package org.neuralode.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.management.NotificationEmitter;

/**
 * Stops a cell that is filling the heap before the JVM thrashes, keeping the session alive.
 *
 * <p>The JVM reports, after each collection of the old generation, whether the memory still in
 * use there (live data, not garbage) passed a threshold ({@link MemoryPoolMXBean#setCollectionUsageThreshold},
 * java.lang.management, "Memory threshold notifications"). Past {@link #LIMIT} of the old
 * generation's maximum, every further allocation costs a full collection that frees almost
 * nothing: that is when a kernel without this guard spends minutes collecting and then dies. The
 * guard stops the running cell then, the way the stop button does, with an error that says how
 * much the cell took; the cell's garbage is reclaimed and its variables stay.
 *
 * <p>That notification is not sent only on crossing: with the serial collector the kernel uses,
 * it was measured to arrive after every old-generation collection that leaves the usage above the
 * threshold. It is delivered by a JVM thread of its own, though, which may hardly run while the
 * heap thrashes. In one clean-clone run a runaway cell was not stopped within 120 s with the
 * listener alone (the cause was not pinned down; a real OutOfMemoryError that ended the kernel's
 * shell thread, see below, looked the same from outside until {@link HeapReserve}); so a watchdog
 * thread also reads the same figure every {@link #POLL_MILLIS} ms while a cell runs: one check
 * with two triggers.
 *
 * <p>Both triggers come after a collection, and a cell that allocates fast can fill the last
 * part of the heap before its stop lands (or without an old-generation collection above the
 * threshold in between): it then meets a real OutOfMemoryError. That race is not avoidable from
 * outside the cell's thread. When the error wins, {@link HeapReserve} (taken when the guard is
 * installed, and again as a cell starts if an error had it released) keeps the kernel able to
 * report it and to go on answering.
 */
final class HeapGuard {

    /** Fraction of the old generation's maximum at which a running cell is stopped. */
    static final double LIMIT = 0.85;
    /** Fraction of the old generation's maximum a cell must have added to be stopped. */
    static final double GROWTH = 0.10;
    /** How often the watchdog reads the old generation's usage after the last collection. */
    static final long POLL_MILLIS = 100;
    private static final double MB = 1024.0 * 1024.0;

    private final MemoryPoolMXBean oldGeneration;
    private final Consumer<CellException> stopCell;
    private volatile boolean cellRunning;
    /**
     * The whole heap's use as the running cell started, garbage included: at least what earlier
     * cells left, wherever it was. The old generation's figure after its last collection would
     * not do: what a previous cell left in the young generation (or had promoted since) moves
     * into the old generation at the next collection, and would count as this cell's growth,
     * stopping a cell that added little ({@code hog = null} right after a stopped cell, say).
     */
    private volatile long usedAtCellStart;

    /** @param stopCell stops the running cell, which then fails with the given error */
    private HeapGuard(MemoryPoolMXBean oldGeneration, Consumer<CellException> stopCell) {
        this.oldGeneration = oldGeneration;
        this.stopCell = stopCell;
    }

    /** Installs the guard on the old generation, or returns null (logged) if the JVM has none to watch. */
    static HeapGuard install(Consumer<CellException> stopCell) {
        MemoryPoolMXBean old = oldGeneration(ManagementFactory.getMemoryPoolMXBeans());
        if (old == null) {
            KernelLog.warn("no heap guard: this JVM's garbage collector reports no old generation to watch");
            return null;
        }
        HeapGuard guard = new HeapGuard(old, stopCell);
        HeapReserve.refill();
        old.setCollectionUsageThreshold((long) (old.getUsage().getMax() * LIMIT));
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                guard.thresholdExceeded();
            }
        }, null, null);
        Thread watchdog = new Thread(guard::watch, "neuralode-heap-guard");
        watchdog.setDaemon(true);
        watchdog.start();
        return guard;
    }

    /** The watchdog's loop: the threshold check of {@link #thresholdExceeded()}, polled. */
    private void watch() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (cellRunning && usedAfterLastCollection() >= oldGeneration.getCollectionUsageThreshold()) {
                    thresholdExceeded();
                }
            } catch (OutOfMemoryError e) {
                // the heap filled up while the guard built its error; an uncaught error would end
                // this thread and leave the cell unguarded: try again at the next poll
                HeapReserve.ranOutOnKernelThread("the heap guard");
            }
        }
    }

    /** The heap pool that holds long-lived data: the one with a collection threshold and the largest maximum. */
    private static MemoryPoolMXBean oldGeneration(List<MemoryPoolMXBean> pools) {
        MemoryPoolMXBean best = null;
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    && pool.getUsage().getMax() > 0
                    && (best == null || pool.getUsage().getMax() > best.getUsage().getMax())) {
                best = pool;
            }
        }
        return best;
    }

    /**
     * Called as a cell starts; warns if variables already hold most of the heap, and otherwise
     * takes back the {@link HeapReserve} if an OutOfMemoryError had it released.
     *
     * <p>This and {@link #cellEnds} hold the lock that {@link #thresholdExceeded} holds while it
     * decides and stops: a stop decided for one cell is then issued before that cell counts as
     * ended, never after the next cell started (which clears a pending stop as it starts).
     */
    synchronized void cellStarts() {
        long used = usedAfterLastCollection();
        long threshold = oldGeneration.getCollectionUsageThreshold();
        if (!HeapReserve.held() && used + HeapReserve.SIZE < threshold) {
            HeapReserve.refill();
        }
        usedAtCellStart = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        cellRunning = true;
        if (used >= threshold) {
            System.err.printf(Locale.ROOT, "note: the session's variables hold %.0f MB of the kernel's %.0f MB;"
                    + " set large ones you no longer need to null, or restart the kernel%n",
                    used / MB, Runtime.getRuntime().maxMemory() / MB);
        }
    }

    synchronized void cellEnds() {
        cellRunning = false;
    }

    private long usedAfterLastCollection() {
        var usage = oldGeneration.getCollectionUsage();
        return usage == null ? 0 : usage.getUsed();
    }

    private synchronized void thresholdExceeded() {
        long used = usedAfterLastCollection();
        // Only a cell that itself filled the heap is stopped: a notice about memory that variables
        // held before the cell started (it may arrive late) is not this cell's doing.
        if (!cellRunning || used - usedAtCellStart < GROWTH * oldGeneration.getUsage().getMax()) {
            return;
        }
        // built before the cell counts as stopped: with the heap full this may throw, and the next
        // poll tries again
        CellException error = stoppedError(used);
        cellRunning = false;
        stopCell.accept(error);
    }

    /** The error of a cell the guard stopped when the old generation held {@code usedNow} bytes. */
    private CellException stoppedError(long usedNow) {
        long max = Runtime.getRuntime().maxMemory();
        long used = Math.max(0, usedNow - usedAtCellStart);
        String message = String.format(Locale.ROOT, "this cell used %.0f MB of the kernel's %.0f MB, so the kernel"
                + " stopped it before memory ran out; the session and its variables are kept. Restart the kernel,"
                + " or reduce what the cell keeps (fewer or smaller arrays, fewer recorded steps) and set variables"
                + " you no longer need to null", used / MB, max / MB);
        return CellException.of("OutOfMemoryError", message);
    }

    /** A hint for an {@code OutOfMemoryError} that a cell met (e.g. one array larger than the heap). */
    static String outOfMemoryHint() {
        return String.format(Locale.ROOT, " (the kernel has %.0f MB; the session and its variables are kept: restart"
                + " the kernel, or reduce what the cell keeps)", Runtime.getRuntime().maxMemory() / MB);
    }
}
