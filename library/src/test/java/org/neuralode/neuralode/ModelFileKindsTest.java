package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.data.TwoClasses;
import org.neuralode.nn.Activation;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.Solvers;

/** {@link ModelFile} for the models built around a neural ODE: the forecaster and the classifier. */
class ModelFileKindsTest {

    private static final GradientMethod DOPRI = GradientMethod.backprop(Solvers.dormandPrince(1e-5, 1e-7));

    @TempDir
    Path folder;

    /** Histories of 6 values and their 2 next values, from a sine, so training has something to fit. */
    private static double[][][] windows() {
        double[][] inputs = new double[8][6];
        double[][] targets = new double[8][2];
        for (int w = 0; w < 8; w++) {
            for (int k = 0; k < 6; k++) {
                inputs[w][k] = Math.sin(0.4 * (w + k));
            }
            for (int k = 0; k < 2; k++) {
                targets[w][k] = Math.sin(0.4 * (w + 6 + k));
            }
        }
        return new double[][][] {inputs, targets};
    }

    /** A small forecaster after a few training steps, so its parameters are no longer the seed's draw. */
    static OdeForecaster forecaster() {
        OdeForecaster model = OdeForecaster.builder().history(6).horizon(2).latent(3).hidden(5)
                .activation(Activation.SOFTPLUS).seed(4).gradients(DOPRI).build();
        double[][][] data = windows();
        for (int i = 0; i < 3; i++) {
            model.step(data[0], data[1]);
        }
        return model;
    }

    /** An augmented ODE-Net (x in R^2, p = 1) after a few training steps. */
    static OdeNetClassifier classifier() {
        Mlp net = Mlp.builder(3).dense(8).tanh().dense(3).initialization(Initialization.glorot()).seed(5).build();
        OdeNetClassifier model = new OdeNetClassifier(new NeuralOde(net), 2, 0.75, DOPRI, 1e-2, 6);
        TwoClasses data = TwoClasses.twoMoons(20, 0.1, 7);
        for (int i = 0; i < 3; i++) {
            model.step(data.points(), data.labels());
        }
        return model;
    }

    @Test
    void aTrainedForecasterComesBackPredictingBitForBit() throws IOException {
        OdeForecaster model = forecaster();
        OdeForecaster untrained = OdeForecaster.builder().history(6).horizon(2).latent(3).hidden(5)
                .activation(Activation.SOFTPLUS).seed(4).build();
        assertNotEquals(Arrays.toString(untrained.parameters()), Arrays.toString(model.parameters()),
                "training should have moved the parameters");
        Path file = folder.resolve("forecaster.model");
        ModelFile.save(model, file);
        OdeForecaster loaded = ModelFile.loadForecaster(file, DOPRI);

        assertArrayEquals(model.parameters(), loaded.parameters()); // compared bit for bit
        assertEquals(List.of(6, 2, 3, 5), List.of(loaded.history(), loaded.horizon(), loaded.latent(), loaded.hidden()));
        assertSame(Activation.SOFTPLUS, loaded.activation());
        assertEquals(model.ode().net().toString(), loaded.ode().net().toString());
        double[][] inputs = windows()[0];
        double[][] expected = model.predict(inputs);
        double[][] actual = loaded.predict(inputs);
        for (int w = 0; w < inputs.length; w++) {
            assertArrayEquals(expected[w], actual[w], "forecast " + w);
        }
        // and it trains on: the same loss and gradient on a batch
        OdeForecaster.Batch batch = new OdeForecaster.Batch(windows()[0], windows()[1]);
        TrainableModel.BatchGradient a = model.lossAndGradient(batch);
        TrainableModel.BatchGradient b = loaded.lossAndGradient(batch);
        assertEquals(a.loss(), b.loss());
        assertArrayEquals(a.gradient(), b.gradient());
    }

    @Test
    void aTrainedClassifierComesBackPredictingBitForBit() throws IOException {
        OdeNetClassifier model = classifier();
        Path file = folder.resolve("classifier.model");
        ModelFile.save(model, file);
        OdeNetClassifier loaded = ModelFile.loadClassifier(file, DOPRI, 1e-2);

        assertArrayEquals(model.field().theta(), loaded.field().theta());
        assertArrayEquals(model.readout(), loaded.readout());
        assertArrayEquals(model.parameters(), loaded.parameters());
        assertEquals(2, loaded.inputDimension());
        assertEquals(1, loaded.augmentedDimensions());
        assertEquals(0.75, loaded.endTime());
        assertEquals(model.field().features(), loaded.field().features());
        assertEquals(model.field().net().toString(), loaded.field().net().toString());
        double[][] x = TwoClasses.twoMoons(30, 0.1, 8).points();
        assertArrayEquals(model.logits(x), loaded.logits(x));
        assertArrayEquals(model.probability(x), loaded.probability(x));
        double[][][] flowA = model.flow(x, new double[] {0, 0.25, 0.75});
        double[][][] flowB = loaded.flow(x, new double[] {0, 0.25, 0.75});
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(flowA[i][j], flowB[i][j], "h_" + i + "(t_" + j + ")");
            }
        }
        TwoClasses data = TwoClasses.twoMoons(20, 0.1, 7);
        OdeNetClassifier.LossGradient a = model.lossAndGradient(data.points(), data.labels());
        OdeNetClassifier.LossGradient b = loaded.lossAndGradient(data.points(), data.labels());
        assertEquals(a.loss(), b.loss());
        assertArrayEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.readout(), b.readout());
    }

    @Test
    void theFilesHaveTheDocumentedHeaders() throws IOException {
        List<String> f = lines(OdeForecaster.builder().history(100).horizon(3).seed(0).build());
        assertEquals(List.of("neuralode-model 2", "model: ode-forecaster", "history: 100", "horizon: 3", "latent: 16",
                "hidden: 64", "activation: tanh", "parameters: 3795"), f.subList(0, 8));
        assertEquals(8 + 3795, f.size());

        Mlp net = Mlp.builder(3).dense(8).tanh().dense(3).seed(0).build();
        List<String> c = lines(new OdeNetClassifier(new NeuralOde(net), 2, 1.0, DOPRI, 1e-2, 0));
        assertEquals(List.of("neuralode-model 2", "model: ode-net-classifier", "input-dimension: 2", "end-time: 1.0",
                "features: identity", "input: 3", "layer: dense 8", "layer: tanh", "layer: dense 3", "parameters: 63"),
                c.subList(0, 10));
        assertEquals(10 + 63, c.size());
    }

    @Test
    void aFileOfAnotherKindIsRefusedNamingTheMethodThatReadsIt() throws IOException {
        String forecaster = String.join("\n", lines(forecaster()));
        String classifier = String.join("\n", lines(classifier()));
        String neuralOde = String.join("\n", ModelFileTest.linesOf(NeuralOde.spiralDemo(0)));
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.read(new StringReader(forecaster), "f.model"));
        assertSame(ModelFileException.Reason.WRONG_MODEL, e.reason());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("loadForecaster"), e.getMessage());
        e = assertThrows(ModelFileException.class, () -> ModelFile.readForecaster(new StringReader(classifier), "c", DOPRI));
        assertSame(ModelFileException.Reason.WRONG_MODEL, e.reason());
        assertTrue(e.getMessage().contains("loadClassifier"), e.getMessage());
        e = assertThrows(ModelFileException.class,
                () -> ModelFile.readClassifier(new StringReader(neuralOde), "n", DOPRI, 1e-2));
        assertSame(ModelFileException.Reason.WRONG_MODEL, e.reason());
        assertTrue(e.getMessage().contains("ModelFile.load)"), e.getMessage());
    }

    @Test
    void eachDamageOfAForecasterFileIsReportedWithItsReasonAndLine() throws IOException {
        List<String> good = lines(forecaster());
        // 1 version, 2 model, 3 history, 4 horizon, 5 latent, 6 hidden, 7 activation, 8 parameters, 9.. values
        int count = 6 * 3 + 3 + 3 * 5 + 5 + 5 * 3 + 3 + 3 * 2 + 2;
        assertEquals("parameters: " + count, good.get(7));
        assertForecasterFails(ModelFileException.Reason.UNSUPPORTED_VERSION, 1, replace(good, 1, "neuralode-model 3"));
        assertForecasterFails(ModelFileException.Reason.TRUNCATED, 5, good.subList(0, 4));
        assertForecasterFails(ModelFileException.Reason.TRUNCATED, 8 + count, good.subList(0, 7 + count));
        assertForecasterFails(ModelFileException.Reason.MALFORMED_LINE, 3, replace(good, 3, "horizon: 2"));
        assertForecasterFails(ModelFileException.Reason.MALFORMED_LINE, 5, replace(good, 5, "latent: 0"));
        assertForecasterFails(ModelFileException.Reason.UNKNOWN_ACTIVATION, 7, replace(good, 7, "activation: sigmoid"));
        assertForecasterFails(ModelFileException.Reason.PARAMETER_COUNT, 8, replace(good, 6, "hidden: 6"));
        assertForecasterFails(ModelFileException.Reason.PARAMETER_COUNT, 8, replace(good, 8, "parameters: " + (count + 1)));
        List<String> longer = new ArrayList<>(good);
        longer.add("0.5");
        assertForecasterFails(ModelFileException.Reason.PARAMETER_COUNT, 9 + count, longer);
        assertForecasterFails(ModelFileException.Reason.NOT_A_NUMBER, 9, replace(good, 9, "NaN"));
    }

    @Test
    void eachDamageOfAClassifierFileIsReportedWithItsReasonAndLine() throws IOException {
        List<String> good = lines(classifier());
        // 1 version, 2 model, 3 input-dimension, 4 end-time, 5 features, 6 input, 7-9 layers, 10 parameters
        assertEquals("parameters: 63", good.get(9));
        assertClassifierFails(ModelFileException.Reason.TRUNCATED, 4, good.subList(0, 3));
        assertClassifierFails(ModelFileException.Reason.TRUNCATED, 73, good.subList(0, 72));
        assertClassifierFails(ModelFileException.Reason.INVALID_ARCHITECTURE, 10, replace(good, 3, "input-dimension: 4"));
        assertClassifierFails(ModelFileException.Reason.MALFORMED_LINE, 3, replace(good, 3, "input-dimension: 0"));
        assertClassifierFails(ModelFileException.Reason.MALFORMED_LINE, 4, replace(good, 4, "end-time: 0"));
        assertClassifierFails(ModelFileException.Reason.MALFORMED_LINE, 4, replace(good, 4, "end-time: Infinity"));
        assertClassifierFails(ModelFileException.Reason.MALFORMED_LINE, 4, replace(good, 4, "end-time: one"));
        assertClassifierFails(ModelFileException.Reason.UNKNOWN_FEATURE_MAP, 5, replace(good, 5, "features: square"));
        assertClassifierFails(ModelFileException.Reason.INVALID_ARCHITECTURE, 10, replace(good, 9, "layer: dense 2"));
        // the readout is counted: the field's 59 parameters alone are not enough
        assertClassifierFails(ModelFileException.Reason.PARAMETER_COUNT, 10, replace(good, 10, "parameters: 59"));
        assertClassifierFails(ModelFileException.Reason.NOT_A_NUMBER, 73, replace(good, 73, "-Infinity"));
    }

    private static void assertForecasterFails(ModelFileException.Reason reason, int line, List<String> lines) {
        String text = String.join("\n", lines) + "\n";
        assertFails(reason, line, () -> ModelFile.readForecaster(new StringReader(text), "test", DOPRI));
    }

    private static void assertClassifierFails(ModelFileException.Reason reason, int line, List<String> lines) {
        String text = String.join("\n", lines) + "\n";
        assertFails(reason, line, () -> ModelFile.readClassifier(new StringReader(text), "test", DOPRI, 1e-2));
    }

    private static void assertFails(ModelFileException.Reason reason, int line, org.junit.jupiter.api.function.Executable read) {
        ModelFileException e = assertThrows(ModelFileException.class, read, reason + " at line " + line);
        assertSame(reason, e.reason(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("test, line " + line + ": "), e.getMessage());
    }

    private static List<String> replace(List<String> lines, int number, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(number - 1, line);
        return copy;
    }

    static List<String> lines(OdeForecaster model) throws IOException {
        StringWriter writer = new StringWriter();
        ModelFile.write(model, writer);
        return List.of(writer.toString().split("\n"));
    }

    static List<String> lines(OdeNetClassifier model) throws IOException {
        StringWriter writer = new StringWriter();
        ModelFile.write(model, writer);
        return List.of(writer.toString().split("\n"));
    }

    @Test
    void aSavedFileIsReadFromDiskAsWritten() throws IOException {
        Path file = folder.resolve("c.model");
        OdeNetClassifier model = classifier();
        ModelFile.save(model, file);
        assertEquals(lines(model), Files.readAllLines(file));
    }
}
