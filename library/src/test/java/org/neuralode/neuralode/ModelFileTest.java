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
import org.neuralode.data.Spiral;
import org.neuralode.nn.Activation;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.Solvers;

class ModelFileTest {

    @TempDir
    Path folder;

    /** The spiral demo after a few iterations of training, so theta is no longer its seed's draw. */
    private static NeuralOde trainedSpiral() {
        NeuralOde model = NeuralOde.spiralDemo(3);
        Trainer.builder()
                .model(model)
                .data(Spiral.trajectory())
                .gradients(GradientMethod.backprop(Solvers.dormandPrince(1e-7, 1e-9)))
                .optimizer(new RmsProp(1e-3))
                .seed(0)
                .build()
                .run(20);
        return model;
    }

    /** A batch of states spread over the plane and beyond, where every activation is exercised. */
    private static double[] states(int dimension) {
        double[] h = new double[7 * dimension];
        for (int k = 0; k < h.length; k++) {
            h[k] = Math.sin(1.7 * k + 0.3) * (1 + k % 3);
        }
        return h;
    }

    @Test
    void aTrainedModelComesBackBitForBitInParametersEvaluationsAndSolves() throws IOException {
        NeuralOde model = trainedSpiral();
        assertNotEquals(Arrays.toString(NeuralOde.spiralDemo(3).theta()), Arrays.toString(model.theta()),
                "training should have moved theta");
        Path file = folder.resolve("spiral.model");
        ModelFile.save(model, file);
        NeuralOde loaded = ModelFile.load(file);

        assertArrayEquals(model.theta(), loaded.theta()); // JUnit compares doubles by their bits
        assertEquals(model.features(), loaded.features());
        assertEquals(model.net().toString(), loaded.net().toString());
        double[] h = states(2);
        assertArrayEquals(model.at(0, h), loaded.at(0, h));
        double[] times = {0, 0.5, 1, 2};
        var solver = Solvers.dormandPrince(1e-7, 1e-9);
        double[][] expected = model.solve(solver, new double[] {2, 0}, times).states();
        double[][] actual = loaded.solve(solver, new double[] {2, 0}, times).states();
        for (int i = 0; i < times.length; i++) {
            assertArrayEquals(expected[i], actual[i], "h(t_" + i + ")");
        }
    }

    @Test
    void everyActivationAndFeatureMapRoundTrips() throws IOException {
        Mlp.Builder builder = Mlp.builder(3);
        for (Activation activation : Activation.values()) {
            builder.dense(5).activation(activation);
        }
        Mlp net = builder.dense(3).initialization(Initialization.glorot()).seed(7).build();
        net.theta()[0] = -0.0;  // a signed zero must stay one
        net.theta()[1] = Double.MIN_VALUE;
        net.theta()[2] = 1.0 / 3;
        for (FeatureMap features : FeatureMap.values()) {
            NeuralOde model = new NeuralOde(net, features);
            NeuralOde loaded = ModelFile.read(new StringReader(text(model)), "test");
            assertEquals(features, loaded.features());
            assertEquals(net.layers().size(), loaded.net().layers().size());
            assertEquals(net.toString(), loaded.net().toString());
            assertArrayEquals(model.theta(), loaded.theta());
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(loaded.theta()[0]));
            assertArrayEquals(model.at(0, states(3)), loaded.at(0, states(3)));
        }
    }

    @Test
    void theFileStartsWithItsFormatAndVersionThenTheDocumentedHeader() throws IOException {
        Path file = folder.resolve("demo.model");
        NeuralOde model = NeuralOde.spiralDemo(0);
        ModelFile.save(model, file);
        List<String> lines = Files.readAllLines(file);
        assertEquals("neuralode-model 2", lines.get(0));
        assertEquals(List.of("model: neural-ode", "features: cube", "input: 2", "layer: dense 50", "layer: tanh",
                "layer: dense 2", "parameters: 252"), lines.subList(1, 8));
        assertEquals(8 + 252, lines.size());
        assertEquals("0.08025330637390306", lines.get(8)); // the value ModelFile's Javadoc shows
        assertEquals(Double.toString(model.theta()[251]), lines.get(lines.size() - 1));
    }

    @Test
    void aVersionOneFileOfANeuralOdeIsStillRead() throws IOException {
        NeuralOde model = NeuralOde.spiralDemo(2);
        List<String> version1 = replace(lines(model), 1, "neuralode-model 1");
        NeuralOde loaded = ModelFile.read(new StringReader(String.join("\n", version1)), "old.model");
        assertArrayEquals(model.theta(), loaded.theta());
        // version 1 held no other kind: a forecaster under a version 1 line is refused
        List<String> forecaster = replace(ModelFileKindsTest.lines(ModelFileKindsTest.forecaster()), 1, "neuralode-model 1");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.readForecaster(
                new StringReader(String.join("\n", forecaster)), "old.model", GradientMethod.backprop(Solvers.dormandPrince(1e-5, 1e-7))));
        assertSame(ModelFileException.Reason.UNSUPPORTED_MODEL, e.reason(), e.getMessage());
    }

    @Test
    void aLoadedModelIsIndependentOfTheSavedOne() throws IOException {
        NeuralOde model = NeuralOde.spiralDemo(0);
        NeuralOde loaded = ModelFile.read(new StringReader(text(model)), "test");
        loaded.theta()[0] += 1;
        assertNotEquals(model.theta()[0], loaded.theta()[0]);
    }

    @Test
    void eachDamageIsReportedWithItsReasonAndLine() throws IOException {
        List<String> good = lines(NeuralOde.spiralDemo(0));
        // lines, counted from 1: 1 version, 2 model, 3 features, 4 input, 5-7 layers, 8 parameters, 9-260 theta
        assertFails(ModelFileException.Reason.UNSUPPORTED_VERSION, 1, replace(good, 1, "neuralode-model 3"));
        assertFails(ModelFileException.Reason.UNSUPPORTED_VERSION, 1, replace(good, 1, "neuralode-model 0"));
        assertFails(ModelFileException.Reason.UNSUPPORTED_VERSION, 1, replace(good, 1, "neuralode-model 1.0"));
        assertFails(ModelFileException.Reason.NOT_A_MODEL_FILE, 1, replace(good, 1, "model: neural-ode"));
        assertFails(ModelFileException.Reason.NOT_A_MODEL_FILE, 1, List.of(""));
        assertFails(ModelFileException.Reason.TRUNCATED, 1, List.of());
        assertFails(ModelFileException.Reason.TRUNCATED, 5, good.subList(0, 4));
        assertFails(ModelFileException.Reason.TRUNCATED, 260, good.subList(0, 259));
        assertFails(ModelFileException.Reason.WRONG_MODEL, 2, replace(good, 2, "model: ode-net-classifier"));
        assertFails(ModelFileException.Reason.WRONG_MODEL, 2, replace(good, 2, "model: ode-forecaster"));
        assertFails(ModelFileException.Reason.UNSUPPORTED_MODEL, 2, replace(good, 2, "model: latent-ode"));
        assertFails(ModelFileException.Reason.MALFORMED_LINE, 2, replace(good, 2, "features: cube"));
        assertFails(ModelFileException.Reason.UNKNOWN_FEATURE_MAP, 3, replace(good, 3, "features: square"));
        assertFails(ModelFileException.Reason.MALFORMED_LINE, 3, replace(good, 3, "cube"));
        assertFails(ModelFileException.Reason.MALFORMED_LINE, 4, replace(good, 4, "input: two"));
        assertFails(ModelFileException.Reason.MALFORMED_LINE, 4, replace(good, 4, "input: 0"));
        assertFails(ModelFileException.Reason.MALFORMED_LINE, 5, replace(good, 5, "layer: dense -50"));
        assertFails(ModelFileException.Reason.MALFORMED_LINE, 5, replace(good, 5, "layer: dense"));
        assertFails(ModelFileException.Reason.UNKNOWN_ACTIVATION, 6, replace(good, 6, "layer: sigmoid"));
        assertFails(ModelFileException.Reason.UNKNOWN_ACTIVATION, 6, replace(good, 6, "layer: TANH"));
        assertFails(ModelFileException.Reason.MALFORMED_LINE, 8, replace(good, 8, "params: 252"));
        assertFails(ModelFileException.Reason.INVALID_ARCHITECTURE, 8, replace(good, 7, "layer: dense 3"));
        assertFails(ModelFileException.Reason.INVALID_ARCHITECTURE, 5, replace(good, 5, "layer: dense 2000000000"));
        assertFails(ModelFileException.Reason.PARAMETER_COUNT, 8, replace(good, 8, "parameters: 251"));
        assertFails(ModelFileException.Reason.PARAMETER_COUNT, 8, replace(good, 8, "parameters: 253"));
        List<String> longer = new ArrayList<>(good);
        longer.add("0.5");
        assertFails(ModelFileException.Reason.PARAMETER_COUNT, 261, longer);
        assertFails(ModelFileException.Reason.NOT_A_NUMBER, 9, replace(good, 9, "NaN"));
        assertFails(ModelFileException.Reason.NOT_A_NUMBER, 100, replace(good, 100, "Infinity"));
        assertFails(ModelFileException.Reason.NOT_A_NUMBER, 260, replace(good, 260, "0,5"));
    }

    @Test
    void theMessageNamesTheSourceTheLineAndWhatWasExpected() throws IOException {
        List<String> bad = replace(lines(NeuralOde.spiralDemo(0)), 1, "neuralode-model 3");
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.read(new StringReader(String.join("\n", bad)), "teacher.model"));
        assertTrue(e.getMessage().startsWith("teacher.model, line 1: "), e.getMessage());
        assertTrue(e.getMessage().contains("versions 1 and 2") && e.getMessage().contains("\"3\""), e.getMessage());
    }

    @Test
    void windowsLineEndsAndAFinalLineEndAreRead() throws IOException {
        NeuralOde model = NeuralOde.spiralDemo(1);
        String crlf = String.join("\r\n", lines(model)) + "\r\n";
        assertArrayEquals(model.theta(), ModelFile.read(new StringReader(crlf), "test").theta());
        String noFinalEnd = String.join("\n", lines(model));
        assertArrayEquals(model.theta(), ModelFile.read(new StringReader(noFinalEnd), "test").theta());
    }

    @Test
    void aModelWithNonFiniteParametersIsRefusedWhenSaved() {
        NeuralOde model = NeuralOde.spiralDemo(0);
        model.theta()[17] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(model, folder.resolve("nan.model")));
        assertTrue(e.getMessage().contains("theta[17]"), e.getMessage());
    }

    private static void assertFails(ModelFileException.Reason reason, int line, List<String> lines) {
        String text = String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.read(new StringReader(text), "test"), reason + " at line " + line);
        assertSame(reason, e.reason(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("test, line " + line + ": "), e.getMessage());
    }

    /** @return a copy of {@code lines} with line {@code number} (counted from 1) replaced */
    private static List<String> replace(List<String> lines, int number, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(number - 1, line);
        return copy;
    }

    private static String text(NeuralOde model) throws IOException {
        StringWriter writer = new StringWriter();
        ModelFile.write(model, writer);
        return writer.toString();
    }

    static List<String> linesOf(NeuralOde model) throws IOException {
        return lines(model);
    }

    private static List<String> lines(NeuralOde model) throws IOException {
        return List.of(text(model).split("\n"));
    }
}
