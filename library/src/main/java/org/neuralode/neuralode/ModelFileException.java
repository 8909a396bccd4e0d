package org.neuralode.neuralode;

/**
 * A model file that {@link ModelFile#load} cannot read. {@link #reason()} says why in a form code
 * can act on; {@link #line()} is the line (counted from 1) where reading stopped, and the message
 * says what that line holds and what was expected there, so a wrong file is never read as a
 * silently wrong model.
 */
public class ModelFileException extends RuntimeException {

    /** Why a model file cannot be read. */
    public enum Reason {
        /** The first line is not {@code neuralode-model <version>}: not a model file. */
        NOT_A_MODEL_FILE,
        /** The file is a model file of a version this library does not read. */
        UNSUPPORTED_VERSION,
        /** The {@code model} line names a kind of model this version does not hold. */
        UNSUPPORTED_MODEL,
        /**
         * The file holds another kind of model than the one asked for (a forecaster given to
         * {@link ModelFile#load}, say); the message names the method that reads it.
         */
        WRONG_MODEL,
        /** The file ends before the model does (a header line or parameters are missing). */
        TRUNCATED,
        /** A line is not the {@code key: value} line expected there, or its value is not a valid size. */
        MALFORMED_LINE,
        /** A layer names an activation that is not one of {@link org.neuralode.nn.Activation}'s. */
        UNKNOWN_ACTIVATION,
        /** The {@code features} line names a map that is not one of {@link FeatureMap}'s. */
        UNKNOWN_FEATURE_MAP,
        /**
         * The layers do not make a network from {@code R^d} to {@code R^d}, or a classifier's input
         * dimension exceeds its field's.
         */
        INVALID_ARCHITECTURE,
        /**
         * The declared number of parameters differs from the architecture's, or more parameter
         * lines follow than declared.
         */
        PARAMETER_COUNT,
        /** A parameter line is not a finite number. */
        NOT_A_NUMBER
    }

    private final Reason reason;
    private final int line;

    /**
     * @param reason  why the file cannot be read
     * @param source  the file's name, for the message
     * @param line    the line where reading stopped, counted from 1
     * @param message what the line holds and what was expected
     */
    public ModelFileException(Reason reason, String source, int line, String message) {
        super(source + ", line " + line + ": " + message);
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
        this.line = line;
    }

    /** @return why the file cannot be read */
    public Reason reason() {
        return reason;
    }

    /** @return the line where reading stopped, counted from 1 */
    public int line() {
        return line;
    }
}
