package org.neuralode.neuralode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.neuralode.nn.Activation;
import org.neuralode.nn.ActivationLayer;
import org.neuralode.nn.Dense;
import org.neuralode.nn.Layer;
import org.neuralode.nn.Mlp;

/**
 * Saves a trained model (its architecture and its parameters) to a text file and loads it back,
 * so that a notebook can use a model another one trained, and a teacher can hand out a trained
 * one. Three kinds of model: a {@link NeuralOde}, an {@link OdeForecaster} and an
 * {@link OdeNetClassifier}.
 *
 * <h2>The format, version 2</h2>
 * A UTF-8 text file of lines ({@code \n}; {@code \r\n} is read too): the format and its version,
 * the kind of model, the kind's header lines ({@code key: value}, in the order below), the
 * number of parameters, then the parameters, one a line. The file of
 * {@link NeuralOde#spiralDemo(long) NeuralOde.spiralDemo(0)}:
 * <pre>
 *   neuralode-model 2          the format and its version
 *   model: neural-ode          the kind of model: neural-ode, ode-forecaster or ode-net-classifier
 *   features: cube             the feature map phi: identity or cube ({@link FeatureMap})
 *   input: 2                   d, the network's input size (the state dimension)
 *   layer: dense 50            one line per layer, in order: "dense n" (an affine layer with n
 *   layer: tanh                outputs, {@link Dense}) or an activation: tanh, relu, softplus,
 *   layer: dense 2             identity ({@link Activation})
 *   parameters: 252            the number of parameters, theta's length
 *   0.08025330637390306        theta[0]
 *   ...                        theta[1] ... theta[251], one a line
 * </pre>
 * {@code theta} has the layout of {@link Mlp}: for each dense layer in order, its weight matrix
 * {@code W} row-major, then its bias {@code b}.
 *
 * <p>An {@link OdeNetClassifier} ({@code h(0) = (x, 0, ..., 0)}, {@code dh/dt = f_theta(h)} up to
 * {@code T}, the logit {@code z = w . h(T) + b}) writes two lines, then its field as above:
 * <pre>
 *   model: ode-net-classifier
 *   input-dimension: 2         the dimension of x (the field's d minus the p appended zeros)
 *   end-time: 1.0              T
 *   features: identity         the field f_theta, as a neural-ode's lines
 *   input: 3                   d = 3: the inputs x in R^2 with p = 1 zero appended
 *   layer: dense 8
 *   layer: tanh
 *   layer: dense 3
 *   parameters: 63             the field's 59, then the readout w_1, w_2, w_3, b
 * </pre>
 * An {@link OdeForecaster} ({@code h(0) = E x}, {@code dh/dt = f_theta(h)} from 0 to 1,
 * {@code y_hat = D h(1)}) is described by its builder's sizes, which fix its three networks
 * (the encoder {@code E}: dense latent; the field: dense hidden, the activation, dense latent,
 * without a feature map; the decoder {@code D}: dense horizon):
 * <pre>
 *   model: ode-forecaster
 *   history: 100               the past values each forecast sees
 *   horizon: 3                 the values forecast
 *   latent: 16                 the latent dimension
 *   hidden: 64                 the field's hidden width
 *   activation: tanh           the field's nonlinearity
 *   parameters: 3795           encoder, field, decoder, each in Mlp's layout, laid end to end
 * </pre>
 *
 * <p>Each parameter (and {@code end-time}) is written with {@link Double#toString(double)}, which
 * {@link Double#parseDouble(String)} reads back to the same double: a loaded model's parameters
 * are bit for bit the saved ones, and so are its evaluations and, with the same solver, its
 * predictions. Nothing follows the last parameter but, optionally, one line end.
 *
 * <p>Version 1 was this format with the kind {@code neural-ode} only; this class writes version 2
 * and reads both. It refuses any other version, a kind other than the one asked for
 * ({@link #load} wants a neural-ode, {@link #loadForecaster} an ode-forecaster,
 * {@link #loadClassifier} an ode-net-classifier), a truncated file, a parameter count that does
 * not match the architecture, an unknown activation or feature map: {@link ModelFileException}
 * names the line and what was expected there ({@link ModelFileException.Reason} says why in a
 * form code can act on).
 *
 * <p>What is spent or chosen afresh is not saved: the initialisation and seed a network was built
 * with (spent once {@code theta} is set), and the solver, the gradient method and the optimiser
 * with its state (Adam's moments), which the caller passes to the loader: a loaded model predicts
 * bit for bit as the saved one did with the same solver, and trains on from the saved parameters
 * with a fresh optimiser.
 */
public final class ModelFile {

    /** The first line's first word. */
    public static final String MAGIC = "neuralode-model";
    /** The version of the format this class writes; it reads this one and version 1. */
    public static final int VERSION = 2;
    /** The {@code model} line's value for a {@link NeuralOde}. */
    public static final String NEURAL_ODE = "neural-ode";
    /** The {@code model} line's value for an {@link OdeForecaster}. */
    public static final String ODE_FORECASTER = "ode-forecaster";
    /** The {@code model} line's value for an {@link OdeNetClassifier}. */
    public static final String ODE_NET_CLASSIFIER = "ode-net-classifier";

    private ModelFile() {
    }

    // ---- a neural ODE -------------------------------------------------------------------------

    /**
     * Writes the model to a file (created, or replaced).
     *
     * @param model the model; its parameters must be finite
     * @param file  where to write
     * @throws IOException if the file cannot be written
     */
    public static void save(NeuralOde model, Path file) throws IOException {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        save(file, writer -> write(model, writer));
    }

    /**
     * Reads a neural ODE from a file written by {@link #save(NeuralOde, Path)}.
     *
     * @param file the file
     * @return the model, with the saved architecture and parameters
     * @throws ModelFileException if the file is not a model file of a version this class reads,
     *                            holds another kind of model, or is damaged
     * @throws IOException        if the file cannot be read
     */
    public static NeuralOde load(Path file) throws IOException {
        return load(file, reader -> read(reader, file.toString()));
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
        StringBuilder text = header(NEURAL_ODE);
        describe(model, text);
        finish(text, writer, model.theta());
    }

    /**
     * Reads a neural ODE in the format above.
     *
     * @param reader the text (not closed)
     * @param source the text's name, for error messages (e.g. the file name)
     * @return the model
     * @throws ModelFileException if the text is not a model file of a version this class reads,
     *                            holds another kind of model, or is damaged
     * @throws IOException        if the reader fails
     */
    public static NeuralOde read(Reader reader, String source) throws IOException {
        Parser parser = parser(reader, source, NEURAL_ODE);
        Field field = parser.field();
        parser.declared(field.parameterCount());
        NeuralOde model = field.build();
        parser.parameters(model.theta());
        return model;
    }

    // ---- an ODE forecaster --------------------------------------------------------------------

    /**
     * Writes the forecaster to a file (created, or replaced).
     *
     * @param model the forecaster; its parameters must be finite
     * @param file  where to write
     * @throws IOException if the file cannot be written
     */
    public static void save(OdeForecaster model, Path file) throws IOException {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        save(file, writer -> write(model, writer));
    }

    /**
     * Reads a forecaster from a file written by {@link #save(OdeForecaster, Path)}.
     *
     * @param file      the file
     * @param gradients how the loaded model's gradient is computed; its solver makes the predictions
     * @return the forecaster, with the saved architecture and parameters and the default optimiser
     *         of {@link OdeForecaster.Builder}
     * @throws ModelFileException if the file is not a model file of this version, holds another
     *                            kind of model, or is damaged
     * @throws IOException        if the file cannot be read
     */
    public static OdeForecaster loadForecaster(Path file, GradientMethod gradients) throws IOException {
        return load(file, reader -> readForecaster(reader, file.toString(), gradients));
    }

    /**
     * Writes the forecaster in the format above.
     *
     * @param model  the forecaster; its parameters must be finite
     * @param writer where to write (not closed)
     * @throws IOException if the writer fails
     */
    public static void write(OdeForecaster model, Writer writer) throws IOException {
        if (model == null || writer == null) {
            throw new IllegalArgumentException("model and writer must not be null");
        }
        StringBuilder text = header(ODE_FORECASTER);
        text.append("history: ").append(model.history()).append('\n');
        text.append("horizon: ").append(model.horizon()).append('\n');
        text.append("latent: ").append(model.latent()).append('\n');
        text.append("hidden: ").append(model.hidden()).append('\n');
        text.append("activation: ").append(name(model.activation())).append('\n');
        finish(text, writer, model.parameters());
    }

    /**
     * Reads a forecaster in the format above.
     *
     * @param reader    the text (not closed)
     * @param source    the text's name, for error messages (e.g. the file name)
     * @param gradients how the loaded model's gradient is computed; its solver makes the predictions
     * @return the forecaster
     * @throws ModelFileException if the text is not a model file of this version, holds another
     *                            kind of model, or is damaged
     * @throws IOException        if the reader fails
     */
    public static OdeForecaster readForecaster(Reader reader, String source, GradientMethod gradients)
            throws IOException {
        if (gradients == null) {
            throw new IllegalArgumentException("gradients must not be null");
        }
        Parser parser = parser(reader, source, ODE_FORECASTER);
        int history = parser.size("history");
        int horizon = parser.size("horizon");
        int latent = parser.size("latent");
        int hidden = parser.size("hidden");
        Activation activation = parser.activation(parser.nextValue("activation", "\"activation: tanh|relu|...\""));
        OdeForecaster.Builder builder = OdeForecaster.builder().history(history).horizon(horizon).latent(latent)
                .hidden(hidden).activation(activation).gradients(gradients);
        long count = (long) history * latent + latent + (long) latent * hidden + hidden + (long) hidden * latent + latent
                + (long) latent * horizon + horizon;
        parser.declared(count);
        OdeForecaster model = builder.build();
        parser.parameters(model.parameters());
        return model;
    }

    // ---- an ODE-Net classifier ----------------------------------------------------------------

    /**
     * Writes the classifier (its field and its readout) to a file (created, or replaced).
     *
     * @param model the classifier; its parameters must be finite
     * @param file  where to write
     * @throws IOException if the file cannot be written
     */
    public static void save(OdeNetClassifier model, Path file) throws IOException {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        save(file, writer -> write(model, writer));
    }

    /**
     * Reads a classifier from a file written by {@link #save(OdeNetClassifier, Path)}.
     *
     * @param file         the file
     * @param gradients    how the loaded model's gradient is computed; its solver makes the predictions
     * @param learningRate Adam's learning rate, should the loaded model be trained on
     * @return the classifier, with the saved architecture, field parameters and readout
     * @throws ModelFileException if the file is not a model file of this version, holds another
     *                            kind of model, or is damaged
     * @throws IOException        if the file cannot be read
     */
    public static OdeNetClassifier loadClassifier(Path file, GradientMethod gradients, double learningRate)
            throws IOException {
        return load(file, reader -> readClassifier(reader, file.toString(), gradients, learningRate));
    }

    /**
     * Writes the classifier in the format above: its field's {@code theta} and its
     * {@link OdeNetClassifier#readout() readout}, the arrays its predictions read.
     *
     * @param model  the classifier; its parameters must be finite
     * @param writer where to write (not closed)
     * @throws IOException if the writer fails
     */
    public static void write(OdeNetClassifier model, Writer writer) throws IOException {
        if (model == null || writer == null) {
            throw new IllegalArgumentException("model and writer must not be null");
        }
        StringBuilder text = header(ODE_NET_CLASSIFIER);
        text.append("input-dimension: ").append(model.inputDimension()).append('\n');
        text.append("end-time: ").append(Double.toString(model.endTime())).append('\n');
        describe(model.field(), text);
        double[] theta = model.field().theta();
        double[] readout = model.readout();
        double[] parameters = Arrays.copyOf(theta, theta.length + readout.length);
        System.arraycopy(readout, 0, parameters, theta.length, readout.length);
        finish(text, writer, parameters);
    }

    /**
     * Reads a classifier in the format above.
     *
     * @param reader       the text (not closed)
     * @param source       the text's name, for error messages (e.g. the file name)
     * @param gradients    how the loaded model's gradient is computed; its solver makes the predictions
     * @param learningRate Adam's learning rate, should the loaded model be trained on
     * @return the classifier
     * @throws ModelFileException if the text is not a model file of this version, holds another
     *                            kind of model, or is damaged
     * @throws IOException        if the reader fails
     */
    public static OdeNetClassifier readClassifier(Reader reader, String source, GradientMethod gradients,
                                                  double learningRate) throws IOException {
        if (gradients == null) {
            throw new IllegalArgumentException("gradients must not be null");
        }
        Parser parser = parser(reader, source, ODE_NET_CLASSIFIER);
        int inputDimension = parser.size("input-dimension");
        double endTime = parser.endTime();
        Field lines = parser.field();
        if (inputDimension > lines.dimension()) {
            throw parser.fail(ModelFileException.Reason.INVALID_ARCHITECTURE, "input-dimension " + inputDimension
                    + " exceeds the field's dimension " + lines.dimension());
        }
        // the field's theta, then the readout w_1 ... w_d, b
        parser.declared(lines.parameterCount() + lines.dimension() + 1);
        NeuralOde field = lines.build();
        OdeNetClassifier model = new OdeNetClassifier(field, inputDimension, endTime, gradients, learningRate, 0);
        double[] theta = field.theta();
        double[] readout = model.readout();
        double[] parameters = new double[theta.length + readout.length];
        parser.parameters(parameters);
        System.arraycopy(parameters, 0, theta, 0, theta.length);
        System.arraycopy(parameters, theta.length, readout, 0, readout.length);
        System.arraycopy(parameters, 0, model.parameters(), 0, parameters.length);
        return model;
    }

    // ---- shared by the kinds ------------------------------------------------------------------

    private interface WriteTo {
        void write(Writer writer) throws IOException;
    }

    private interface ReadFrom<M> {
        M read(Reader reader) throws IOException;
    }

    private static void save(Path file, WriteTo content) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            content.write(writer);
        }
    }

    private static <M> M load(Path file, ReadFrom<M> content) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return content.read(reader);
        }
    }

    private static StringBuilder header(String kind) {
        return new StringBuilder().append(MAGIC).append(' ').append(VERSION).append('\n')
                .append("model: ").append(kind).append('\n');
    }

    /** A neural ODE's lines from {@code features} to the last layer. */
    private static void describe(NeuralOde model, StringBuilder text) {
        Mlp net = model.net();
        text.append("features: ").append(name(model.features())).append('\n');
        text.append("input: ").append(net.inputSize()).append('\n');
        for (Layer layer : net.layers()) {
            text.append("layer: ").append(describe(layer)).append('\n');
        }
    }

    /** The parameter count and the parameters, checked finite before anything is written. */
    private static void finish(StringBuilder text, Writer writer, double[] parameters) throws IOException {
        for (int k = 0; k < parameters.length; k++) {
            if (!Double.isFinite(parameters[k])) {
                throw new IllegalArgumentException("model's parameter " + k + " (theta[" + k + "]) must be finite to be saved, got "
                        + parameters[k]);
            }
        }
        text.append("parameters: ").append(parameters.length).append('\n');
        for (double value : parameters) {
            text.append(Double.toString(value)).append('\n');
        }
        writer.write(text.toString());
        writer.flush();
    }

    private static Parser parser(Reader reader, String source, String kind) throws IOException {
        if (reader == null) {
            throw new IllegalArgumentException("reader must not be null");
        }
        Parser parser = new Parser(new BufferedReader(reader), source == null ? "model file" : source);
        parser.header(kind);
        return parser;
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

    /**
     * A neural ODE's lines, read.
     *
     * @param net            the network's layers
     * @param features       the feature map
     * @param dimension      d
     * @param parameterCount the length of the network's theta
     */
    private record Field(Mlp.Builder net, FeatureMap features, int dimension, long parameterCount) {
        NeuralOde build() {
            return new NeuralOde(net.build(), features);
        }
    }

    /** Reads the lines in order, counting them for the messages. */
    private static final class Parser {
        private final BufferedReader lines;
        private final String source;
        private int number;
        /** A line read ahead (the one after the last layer), returned by the next {@link #next}. */
        private String pending;

        Parser(BufferedReader lines, String source) {
            this.lines = lines;
            this.source = source;
        }

        /** Reads the format, the version and the kind, which must be {@code kind}. */
        void header(String kind) throws IOException {
            String first = next("the line \"" + MAGIC + " " + VERSION + "\"");
            String[] words = first.trim().split("\\s+");
            if (words.length != 2 || !words[0].equals(MAGIC)) {
                throw fail(ModelFileException.Reason.NOT_A_MODEL_FILE,
                        "expected \"" + MAGIC + " " + VERSION + "\", got \"" + first + "\"");
            }
            boolean first1 = words[1].equals("1");
            if (!first1 && !words[1].equals(Integer.toString(VERSION))) {
                throw fail(ModelFileException.Reason.UNSUPPORTED_VERSION, "this library reads " + MAGIC + " versions 1 and "
                        + VERSION + ", the file is version \"" + words[1] + "\"");
            }
            String found = nextValue("model", "\"model: " + kind + "\"");
            boolean known = found.equals(NEURAL_ODE) || found.equals(ODE_FORECASTER) || found.equals(ODE_NET_CLASSIFIER);
            if (!known || first1 && !found.equals(NEURAL_ODE)) {
                throw fail(ModelFileException.Reason.UNSUPPORTED_MODEL, "expected a kind of model of version "
                        + words[1] + ", " + (first1 ? NEURAL_ODE : NEURAL_ODE + ", " + ODE_FORECASTER + " or "
                        + ODE_NET_CLASSIFIER) + ", got \"" + found + "\"");
            }
            if (!found.equals(kind)) {
                throw fail(ModelFileException.Reason.WRONG_MODEL, "expected the model \"" + kind + "\", the file holds an "
                        + found + " (read it with ModelFile." + reader(found) + ")");
            }
        }

        private static String reader(String kind) {
            return kind.equals(NEURAL_ODE) ? "load" : kind.equals(ODE_FORECASTER) ? "loadForecaster" : "loadClassifier";
        }

        /**
         * Reads a neural ODE's lines, from {@code features} to the last layer.
         *
         * @return the field, not yet built: its theta is allocated only once the parameter count
         *         is checked, so a damaged count never allocates it
         */
        Field field() throws IOException {
            String featureName = nextValue("features", "\"features: identity|cube\"");
            FeatureMap features = lookUp(FeatureMap.class, featureName);
            if (features == null) {
                throw fail(ModelFileException.Reason.UNKNOWN_FEATURE_MAP,
                        "expected a feature map, one of " + names(FeatureMap.values()) + ", got \"" + featureName + "\"");
            }
            int input = size("input");
            Mlp.Builder builder = Mlp.builder(input);
            int width = input;
            long count = 0;
            String line = next("\"layer: ...\" or \"parameters: n\"");
            while (line.startsWith("layer:")) {
                String layer = value("layer", line);
                if (layer.equals("dense") || layer.startsWith("dense ")) {
                    int outputs = size("dense", layer.substring("dense".length()).trim(), 1);
                    count += (long) width * outputs + outputs;
                    try {
                        builder.dense(outputs);
                    } catch (IllegalArgumentException e) {
                        throw fail(ModelFileException.Reason.INVALID_ARCHITECTURE, e.getMessage());
                    }
                    width = outputs;
                } else {
                    builder.activation(activation(layer));
                }
                line = next("\"layer: ...\" or \"parameters: n\"");
            }
            pending = line;
            if (width != input) {
                throw fail(ModelFileException.Reason.INVALID_ARCHITECTURE, "the layers map R^" + input + " to R^"
                        + width + "; a neural ODE's network maps R^d to R^d");
            }
            return new Field(builder, features, input, count);
        }

        /** Reads the {@code parameters: n} line; n must be {@code count}. */
        void declared(long count) throws IOException {
            int declared = size("parameters", value("parameters", next("\"parameters: " + count + "\"")), 0);
            if (declared != count) {
                throw fail(ModelFileException.Reason.PARAMETER_COUNT, "the architecture has " + count
                        + " parameters, the file declares " + declared);
            }
        }

        /** Reads the parameters into {@code values} (its length declared), then the end of the file. */
        void parameters(double[] values) throws IOException {
            for (int k = 0; k < values.length; k++) {
                String text = next("parameter " + k + " (" + values.length + " parameters declared)");
                try {
                    values[k] = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    values[k] = Double.NaN;
                }
                if (!Double.isFinite(values[k])) {
                    throw fail(ModelFileException.Reason.NOT_A_NUMBER,
                            "expected parameter " + k + " (theta[" + k + "]), a finite number, got \"" + text + "\"");
                }
            }
            String extra = lines.readLine();
            if (extra != null) {
                number++;
                throw fail(ModelFileException.Reason.PARAMETER_COUNT,
                        "expected the end of the file after the " + values.length + " declared parameters, got \"" + extra + "\"");
            }
        }

        Activation activation(String name) {
            Activation activation = lookUp(Activation.class, name);
            if (activation == null) {
                throw fail(ModelFileException.Reason.UNKNOWN_ACTIVATION, "expected \"dense n\" or an activation, one of "
                        + names(Activation.values()) + ", got \"" + name + "\"");
            }
            return activation;
        }

        /** Reads {@code end-time: T}, T finite and positive. */
        double endTime() throws IOException {
            String text = nextValue("end-time", "\"end-time: T\"");
            try {
                double t = Double.parseDouble(text);
                if (t > 0 && !Double.isInfinite(t)) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // reported below, with the line
            }
            throw fail(ModelFileException.Reason.MALFORMED_LINE,
                    "expected end-time to be a finite positive number, got \"" + text + "\"");
        }

        /** @return the next line; at the end of the file, fails saying what was expected */
        private String next(String expected) throws IOException {
            if (pending != null) {
                String line = pending;
                pending = null;
                return line;
            }
            String line = lines.readLine();
            number++;
            if (line == null) {
                throw fail(ModelFileException.Reason.TRUNCATED, "the file ends; expected " + expected);
            }
            return line;
        }

        /** Reads the next line, which must be {@code key: value}, and returns the value. */
        String nextValue(String key, String expected) throws IOException {
            return value(key, next(expected));
        }

        /** @return the value of a {@code key: value} line with the given key */
        private String value(String key, String line) {
            String prefix = key + ":";
            if (!line.startsWith(prefix)) {
                throw fail(ModelFileException.Reason.MALFORMED_LINE, "expected \"" + key + ": ...\", got \"" + line + "\"");
            }
            return line.substring(prefix.length()).trim();
        }

        /** Reads the next line, which must be {@code key: n} with n at least 1, and returns n. */
        int size(String key) throws IOException {
            return size(key, nextValue(key, "\"" + key + ": n\""), 1);
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

        ModelFileException fail(ModelFileException.Reason reason, String message) {
            return new ModelFileException(reason, source, number, message);
        }
    }
}
