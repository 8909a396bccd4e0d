package org.neuralode.neuralode;

import java.util.ArrayList;
import java.util.List;

/**
 * One flat parameter vector made of blocks: the parameter arrays of the networks a model is built
 * from (each {@link org.neuralode.nn.Mlp} owns its {@code theta}), and raw blocks read in place
 * (a {@link org.neuralode.nn.GruCell}). The flat vector is what the optimiser updates, so it is
 * the truth: {@link #pull()} copies it into the networks' own arrays before they are used.
 */
final class ParameterLayout {

    private final List<double[]> owned = new ArrayList<>();
    private final List<Integer> ownedOffsets = new ArrayList<>();
    private int size;
    private double[] theta;

    /** Adds a network's parameter array; its current values become the block's starting values. */
    int add(double[] networkTheta) {
        requireOpen();
        owned.add(networkTheta);
        ownedOffsets.add(size);
        size += networkTheta.length;
        return ownedOffsets.get(ownedOffsets.size() - 1);
    }

    /** Reserves a raw block of {@code count} parameters, read in place at the returned offset. */
    int reserve(int count) {
        requireOpen();
        int offset = size;
        size += count;
        return offset;
    }

    /** @return the flat vector (made at the first call, holding the networks' starting values) */
    double[] theta() {
        if (theta == null) {
            theta = new double[size];
            for (int i = 0; i < owned.size(); i++) {
                System.arraycopy(owned.get(i), 0, theta, ownedOffsets.get(i), owned.get(i).length);
            }
        }
        return theta;
    }

    /** Copies the flat vector into the networks' own arrays. */
    void pull() {
        double[] flat = theta();
        for (int i = 0; i < owned.size(); i++) {
            System.arraycopy(flat, ownedOffsets.get(i), owned.get(i), 0, owned.get(i).length);
        }
    }

    /** {@code gradient[offset ..] += part}. */
    static void addAt(double[] gradient, int offset, double[] part) {
        for (int j = 0; j < part.length; j++) {
            gradient[offset + j] += part[j];
        }
    }

    private void requireOpen() {
        if (theta != null) {
            throw new IllegalStateException("the layout is fixed once theta() was read");
        }
    }
}
