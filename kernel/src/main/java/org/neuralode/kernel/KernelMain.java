package org.neuralode.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Entry point named in kernel.json: {@code java -cp ... org.neuralode.kernel.KernelMain
 * <connection file>}.
 */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain <jupyter connection file>");
            System.exit(2);
        }
        ParentWatchdog.start();
        System.setProperty("java.awt.headless", "true");
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        KernelConnectionProperties properties = KernelConnectionProperties.parse(json);
        KernelConnection connection = new KernelConnection(properties);
        NeuralOdeKernel kernel = new NeuralOdeKernel();
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        Runtime.getRuntime().halt(0);
    }
}
