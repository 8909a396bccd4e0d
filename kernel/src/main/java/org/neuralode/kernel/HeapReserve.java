package org.neuralode.kernel;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

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
 * <p>So the kernel keeps a block of {@link #SIZE} bytes that nothing reads, and releases it
 * when a cell has run out of memory and the kernel is to report it: on the cell's own thread
 * before its error leaves it ({@code ResultCapturingExecutionControl}), and on the kernel's
 * thread as it reports a cell's OutOfMemoryError. The next collection makes that room free for
 * the kernel: enough to report the error and to compile the next cell, which can set the
 * variable to null. A kernel thread that meets the error while a cell runs
 * ({@link #ranOutOnKernelThread}) stops that cell instead: released then, the room would go to
 * the cell, which is still allocating, and nothing would be left for the report. The block is
 * taken again ({@link #refill}) when a later cell starts and the session's variables leave room.
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
    /** Stops the running cell; false if no cell runs. */
    private static volatile BooleanSupplier stopRunningCell = () -> false;

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
     * Sets how {@link #ranOutOnKernelThread} stops the running cell: the kernel's stop, with an
     * error prepared beforehand (it runs when the heap is full, so it should allocate little);
     * it returns false if no cell runs.
     */
    static void stopRunningCellWith(BooleanSupplier stop) {
        stopRunningCell = stop;
    }

    /** Whether the block is held. */
    static boolean held() {
        return BLOCK.get() != null;
    }

    /**
     * For a kernel thread that met an OutOfMemoryError (polling a socket, sending an output,
     * answering a request). While a cell runs, it is what fills the heap, whichever thread the
     * error strikes: it is stopped, and the block stays held until the kernel reports that
     * cell's error. With no cell running, the block is released at once.
     *
     * @param where what met the OutOfMemoryError, for the log: a constant (see {@link #release})
     */
    static void ranOutOnKernelThread(String where) {
        if (!stopRunningCell.getAsBoolean()) {
            release(where);
        }
    }

    /**
     * Gives the block back to the heap; logged once per release. Nothing is allocated before the
     * block is let go, so pass a constant as {@code where}.
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
