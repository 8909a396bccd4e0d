package org.neuralode.kernel;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The signatures of the last messages received, to recognise a replayed message. Bounded: when
 * full, the oldest tenth is forgotten (jupyter_client's {@code Session._add_digest} culls the
 * same way).
 */
final class SignatureHistory {

    private final int capacity;
    private final LinkedHashSet<String> signatures = new LinkedHashSet<>();

    SignatureHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records {@code signature}; false if it was recorded before (a replay). */
    synchronized boolean add(String signature) {
        if (!signatures.add(signature)) {
            return false;
        }
        if (signatures.size() > capacity) {
            int cull = Math.max(1, capacity / 10);
            Iterator<String> oldest = signatures.iterator();
            for (int i = 0; i < cull && oldest.hasNext(); i++) {
                oldest.next();
                oldest.remove();
            }
        }
        return true;
    }

    synchronized int size() {
        return signatures.size();
    }
}
