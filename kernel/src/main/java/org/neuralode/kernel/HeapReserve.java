package org.neuralode.kernel;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Memory the kernel holds back for its own work, and gives up when a cell has exhausted the heap.
 *
 * <p>{@link HeapGuard} stops a runaway cell before the heap is full, but it can act only after an
 * old-generation collection, and a cell that allocates fast can fill the rest of the heap before
 * the stop lands: it then meets a real {@link OutOfMemoryError}. What the cell allocated usually
 * stays reachable (a list in a session variable), so the heap is still full afterwards and every
 * allocation the kernel makes next fails too: JShell wrapping the error, the traceback, the
 * reply's timestamp, even polling a socket. A kernel thread that meets an uncaught
 * OutOfMemoryError ends; once the shell thread has ended the kernel no longer answers (and once
 * the control thread has too, the process exits).
 *
 * <p>So the kernel keeps a block of {@link #SIZE} bytes that nothing reads, and releases it at
 * the first OutOfMemoryError it sees: on the cell's own thread before the error leaves it
 * ({@link #release}, from {@code ResultCapturingExecutionControl}), or on a kernel thread that
 * catches one ({@link #releaseForKernel}, which also stops the running cell: left running, that
 * cell would fill the released room as well). The next collection makes that room free for the
 * kernel: enough to report the error and to compile the next cell, which can set the variable
 * to null. The block is taken again ({@link #refill}) when a later cell starts and the
 * session's variables leave room.
 */
final class HeapReserve {

    /**
     * The block's size in bytes: 8 MB, or a twentieth of a heap smaller than 160 MB. Measured with
     * the heap filled by a session variable (HeapGuardTest, 256 MB heap): 1 MB already let the
     * kernel report the error and run the next cell, none did not; 8 MB leaves a margin for a
     * longer traceback or a larger next cell, and costs little resident memory.
     */
    static final int SIZE = (int) Math.min(8L << 20, Runtime.getRuntime().maxMemory() / 20);
    private static final AtomicReference<byte[]> BLOCK = new AtomicReference<>();
    private static volatile Runnable stopRunningCell = () -> { };

    private HeapReserve() {
    }

    /** Holds the block if it is not held; returns false if the heap has no room for it now. */
    static synchronized boolean refill() {
        if (BLOCK.get() == null) {
            try {
                BLOCK.set(new byte[SIZE]);
            } catch (OutOfMemoryError full) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets how {@link #releaseForKernel} stops the running cell (the kernel's stop, with an
     * error prepared beforehand: it runs when the heap is full, so it should allocate little).
     */
    static void stopRunningCellWith(Runnable stop) {
        stopRunningCell = stop;
    }

    /** Whether the block is held. */
    static boolean held() {
        return BLOCK.get() != null;
    }

    /**
     * For a kernel thread that met an OutOfMemoryError: gives the block back and stops the cell
     * that is running, if one is. While a cell runs, it is what fills the heap, even when the
     * error strikes another thread (polling a socket, sending an output).
     *
     * @param where what met the OutOfMemoryError, for the log: a constant (see {@link #release})
     */
    static void releaseForKernel(String where) {
        release(where);
        stopRunningCell.run();
    }

    /**
     * Gives the block back to the heap; logged once per release. Nothing is allocated before the
     * block is let go, so pass a constant as {@code where}. On the cell's own thread; kernel
     * threads call {@link #releaseForKernel}.
     *
     * @param where what met the OutOfMemoryError, for the log, e.g. "a cell"
     */
    static void release(String where) {
        if (BLOCK.getAndSet(null) == null) {
            return;
        }
        try {
            KernelLog.warn(String.format(Locale.ROOT, "%s ran out of memory; released the kernel's reserve of %.0f MB",
                    where, SIZE / (1024.0 * 1024.0)));
        } catch (OutOfMemoryError stillFull) {
            // the block is free for the next collection all the same; the log line is not worth failing for
        }
    }
}
