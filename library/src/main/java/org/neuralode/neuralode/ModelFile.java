package org.neuralode.neuralode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.neuralode.nn.Activation;
import org.neuralode.nn.ActivationLayer;
import org.neuralode.nn.Dense;
import org.neuralode.nn.Layer;
import org.neuralode.nn.Mlp;

/**
 * Saves a {@link NeuralOde} (its architecture and its parameters {@code theta}) to a text file
 * and loads it back, so that a notebook can use a model another one trained, and a teacher can
 * hand out a trained one.
 *
 * <h2>The format, version 1</h2>
 * A UTF-8 text file of lines ({@code \n}; {@code \r\n} is read too); the file of
 * {@link NeuralOde#spiralDemo(long) NeuralOde.spiralDemo(0)}:
 * <pre>
 *   neuralode-model 1          the format and its version
 *   model: neural-ode          what kind of model: in version 1 only a {@link NeuralOde}
 *   features: cube             the feature map phi: identity or cube ({@link FeatureMap})
 *   input: 2                   d, the network's input size (the state dimension)
 *   layer: dense 50            one line per layer, in order: "dense n" (an affine layer with n
 *   layer: tanh                outputs, {@link Dense}) or an activation: tanh, relu, softplus,
 *   layer: dense 2             identity ({@link Activation})
 *   parameters: 252            the number of parameters, theta's length
 *   0.08025330637390306        theta[0]
 *   ...                        theta[1] ... theta[251], one a line
 * </pre>
 * The header lines come in this order, each {@code key: value}. {@code theta} has the layout of
 * {@link Mlp}: for each dense layer in order, its weight matrix {@code W} row-major, then its bias
 * {@code b}. Each parameter is written with {@link Double#toString(double)}, which
 * {@link Double#parseDouble(String)} reads back to the same double: a loaded model's parameters
 * are bit for bit the saved ones, and so are its evaluations. Nothing follows the last parameter
 * but, optionally, one line end.
 *
 * <p>A later version of the format would change the first line; this version refuses any other,
 * as it refuses a truncated file, a parameter count that does not match the layers, an unknown
 * activation or feature map: {@link ModelFileException} names the line and what was expected
 * there ({@link ModelFileException.Reason} says why in a form code can act on).
 *
 * <p>The initialisation and seed a network was built with are not saved: they are spent once
 * {@code theta} is set. Models built around a neural ODE ({@link OdeForecaster},
 * {@link OdeNetClassifier}) carry an encoder, a decoder or a readout, and a solver, a gradient
 * method and an optimiser besides: version 1 saves only their field ({@code forecaster.ode()},
 * {@code classifier.field()}); the {@code model} line leaves room for them as other kinds.
 */
public final class ModelFile {

    /** The first line's first word. */
    public static final String MAGIC = "neuralode-model";
    /** The version of the format this class writes and reads. */
    public static final int VERSION = 1;
    /** The {@code model} line's value for a {@link NeuralOde}. */
    public static final String NEURAL_ODE = "neural-ode";

    private ModelFile() {
    }

    /**
     * Writes the model to a file (created, or replaced).
     *
     * @param model the model; its parameters must be finite
     * @param file  where to write
     * @throws IOException if the file cannot be written
     */
    public static void save(NeuralOde model, Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(model, writer);
        }
    }

    /**
     * Reads a model from a file written by {@link #save}.
     *
     * @param file the file
     * @return the model, with the saved architecture and parameters
     * @throws ModelFileException if the file is not a model file of this version, or is damaged
     * @throws IOException if the file cannot be read
     */
    public static NeuralOde load(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    /**
     * Writes the model in the format above.
     *
     * @param model  the model; its parameters must be finite
     * @param writer where to write (not closed)
     * @throws IOException if the writer fails
     */
    public static void write(NeuralOde model, Writer writer) throws IOException {
        if (model == null || writer == null) {
            throw new IllegalArgumentException("model and writer must not be null");
        }
        double[] theta = model.theta();
        for (int k = 0; k < theta.length; k++) {
            if (!Double.isFinite(theta[k])) {
                throw new IllegalArgumentException("model's theta[" + k + "] must be finite to be saved, got " + theta[k]);
            }
        }
        Mlp net = model.net();
        StringBuilder text = new StringBuilder();
        text.append(MAGIC).append(' ').append(VERSION).append('\n');
        text.append("model: ").append(NEURAL_ODE).append('\n');
        text.append("features: ").append(name(model.features())).append('\n');
        text.append("input: ").append(net.inputSize()).append('\n');
        for (Layer layer : net.layers()) {
            text.append("layer: ").append(describe(layer)).append('\n');
        }
        text.append("parameters: ").append(theta.length).append('\n');
        for (double value : theta) {
            text.append(Double.toString(value)).append('\n');
        }
        writer.write(text.toString());
        writer.flush();
    }

    /**
     * Reads a model in the format above.
     *
     * @param reader the text (not closed)
     * @param source the text's name, for error messages (e.g. the file name)
     * @return the model
     * @throws ModelFileException if the text is not a model file of this version, or is damaged
     * @throws IOException if the reader fails
     */
    public static NeuralOde read(Reader reader, String source) throws IOException {
        if (reader == null) {
            throw new IllegalArgumentException("reader must not be null");
        }
        return new Parser(new BufferedReader(reader), source == null ? "model file" : source).model();
    }

    private static String describe(Layer layer) {
        if (layer instanceof Dense dense) {
            return "dense " + dense.outputSize();
        }
        if (layer instanceof ActivationLayer activation) {
            return name(activation.activation());
        }
        // Mlp.Builder makes only these two; a new kind of layer needs a line of its own here
        throw new IllegalArgumentException("model's network holds a layer the format cannot describe: " + layer);
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Reads the lines in order, counting them for the messages. */
    private static final class Parser {
        private final BufferedReader lines;
        private final String source;
        private int number;

        Parser(BufferedReader lines, String source) {
            this.lines = lines;
            this.source = source;
        }

        NeuralOde model() throws IOException {
            String first = next("the line \"" + MAGIC + " " + VERSION + "\"");
            String[] words = first.trim().split("\\s+");
            if (words.length != 2 || !words[0].equals(MAGIC)) {
                throw fail(ModelFileException.Reason.NOT_A_MODEL_FILE,
                        "expected \"" + MAGIC + " " + VERSION + "\", got \"" + first + "\"");
            }
            if (!words[1].equals(Integer.toString(VERSION))) {
                throw fail(ModelFileException.Reason.UNSUPPORTED_VERSION,
                        "this library reads " + MAGIC + " version " + VERSION + ", the file is version \"" + words[1] + "\"");
            }
            String kind = value("model", next("\"model: " + NEURAL_ODE + "\""));
            if (!kind.equals(NEURAL_ODE)) {
                throw fail(ModelFileException.Reason.UNSUPPORTED_MODEL,
                        "expected the model \"" + NEURAL_ODE + "\" (the only kind of version " + VERSION + "), got \"" + kind + "\"");
            }
            String featureName = value("features", next("\"features: identity|cube\""));
            FeatureMap features = lookUp(FeatureMap.class, featureName);
            if (features == null) {
                throw fail(ModelFileException.Reason.UNKNOWN_FEATURE_MAP,
                        "expected a feature map, one of " + names(FeatureMap.values()) + ", got \"" + featureName + "\"");
            }
            int input = size("input", value("input", next("\"input: d\"")));
            Mlp.Builder builder = Mlp.builder(input);
            int width = input;
            long count = 0;
            String line = next("\"layer: ...\" or \"parameters: n\"");
            while (line.startsWith("layer:")) {
                String layer = value("layer", line);
                if (layer.equals("dense") || layer.startsWith("dense ")) {
                    int outputs = size("dense", layer.substring("dense".length()).trim());
                    count += (long) width * outputs + outputs;
                    try {
                        builder.dense(outputs);
                    } catch (IllegalArgumentException e) {
                        throw fail(ModelFileException.Reason.INVALID_ARCHITECTURE, e.getMessage());
                    }
                    width = outputs;
                } else {
                    Activation activation = lookUp(Activation.class, layer);
                    if (activation == null) {
                        throw fail(ModelFileException.Reason.UNKNOWN_ACTIVATION, "expected \"dense n\" or an activation, one of "
                                + names(Activation.values()) + ", got \"" + layer + "\"");
                    }
                    builder.activation(activation);
                }
                line = next("\"layer: ...\" or \"parameters: n\"");
            }
            int declared = size("parameters", value("parameters", line), 0);
            if (width != input) {
                throw fail(ModelFileException.Reason.INVALID_ARCHITECTURE, "the layers map R^" + input + " to R^"
                        + width + "; a neural ODE's network maps R^d to R^d");
            }
            // checked before the network is built, so a damaged count never allocates its theta
            if (declared != count) {
                throw fail(ModelFileException.Reason.PARAMETER_COUNT, "the layers have " + count
                        + " parameters, the file declares " + declared);
            }
            Mlp net = builder.build();
            double[] theta = net.theta();
            for (int k = 0; k < theta.length; k++) {
                String text = next("theta[" + k + "] (" + theta.length + " parameters declared)");
                try {
                    theta[k] = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    theta[k] = Double.NaN;
                }
                if (!Double.isFinite(theta[k])) {
                    throw fail(ModelFileException.Reason.NOT_A_NUMBER,
                            "expected theta[" + k + "], a finite number, got \"" + text + "\"");
                }
            }
            String extra = lines.readLine();
            if (extra != null) {
                number++;
                throw fail(ModelFileException.Reason.PARAMETER_COUNT,
                        "expected the end of the file after the " + theta.length + " declared parameters, got \"" + extra + "\"");
            }
            return new NeuralOde(net, features);
        }

        /** @return the next line; at the end of the file, fails saying what was expected */
        private String next(String expected) throws IOException {
            String line = lines.readLine();
            number++;
            if (line == null) {
                throw fail(ModelFileException.Reason.TRUNCATED, "the file ends; expected " + expected);
            }
            return line;
        }

        /** @return the value of a {@code key: value} line with the given key */
        private String value(String key, String line) {
            String prefix = key + ":";
            if (!line.startsWith(prefix)) {
                throw fail(ModelFileException.Reason.MALFORMED_LINE, "expected \"" + key + ": ...\", got \"" + line + "\"");
            }
            return line.substring(prefix.length()).trim();
        }

        private int size(String key, String text) {
            return size(key, text, 1);
        }

        private int size(String key, String text, int least) {
            try {
                int n = Integer.parseInt(text);
                if (n >= least) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below, with the line
            }
            throw fail(ModelFileException.Reason.MALFORMED_LINE,
                    "expected " + key + " to be an integer of at least " + least + ", got \"" + text + "\"");
        }

        private static <E extends Enum<E>> E lookUp(Class<E> type, String name) {
            for (E value : type.getEnumConstants()) {
                if (name(value).equals(name)) {
                    return value;
                }
            }
            return null;
        }

        private static String names(Enum<?>[] values) {
            StringBuilder text = new StringBuilder();
            for (Enum<?> value : values) {
                text.append(text.length() == 0 ? "" : ", ").append(name(value));
            }
            return text.toString();
        }

        private ModelFileException fail(ModelFileException.Reason reason, String message) {
            return new ModelFileException(reason, source, number, message);
        }
    }
}
