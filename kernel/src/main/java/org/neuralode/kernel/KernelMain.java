package org.neuralode.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.neuralode.plot.FigureHtml;
import org.neuralode.plot.Plot;
import org.neuralode.plot.PlotlySource;
import org.neuralode.kernel.guard.ExitGate;

/**
 * Entry point named in kernel.json: {@code java -cp ... org.neuralode.kernel.KernelMain
 * <connection file>}. The connection file (transport, ip, the five ports, the HMAC key and its
 * signature scheme) and the kernel spec that launches this class are those of the Jupyter
 * documentation, jupyter_client, "Kernels", sections "Connection files" and "Kernel specs".
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
        if (!"tcp".equals(properties.getTransport())) {
            // ZeroMQ's ipc (Unix sockets) is not in JeroMQ; listening on TCP instead would leave the
            // client waiting 30 s for a kernel that is elsewhere
            System.err.println("neuralode-java: the connection file asks for transport \"" + properties.getTransport()
                    + "\"; this kernel speaks only \"tcp\" (start Jupyter with the default transport)");
            System.exit(2);
        }
        KernelConnection connection = new KernelConnection(properties);
        NeuralOdeKernel kernel = new NeuralOdeKernel();
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        warmUpFigures();
        connection.waitUntilClose();
        ExitGate.open();
        Runtime.getRuntime().halt(0);
    }

    /**
     * The first figure of a session costs about a second (starting Java2D for the PNG fallback);
     * doing that work while the student reads the first cells makes it free.
     */
    private static void warmUpFigures() {
        Thread warmUp = new Thread(() -> {
            try {
                FigureHtml.mimeBundle(Plot.lines(new double[] {0, 1}).series("h", new double[] {0, 1}).build(), PlotlySource.page());
            } catch (RuntimeException | LinkageError e) {
                // only a head start: the first real figure does the same work and reports any error
            }
        }, "figure-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }
}
