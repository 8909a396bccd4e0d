package org.neuralode.kernel;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The kernel's Java agent ({@code -javaagent:} in kernel.json, {@code Premain-Class} in the jar's
 * manifest): before the kernel starts, it makes {@code Runtime.exit} and {@code Runtime.halt} ask
 * {@link org.neuralode.kernel.guard.ExitGate} and puts stop checks
 * ({@link org.neuralode.kernel.guard.StopPoll}) into the code that cells run. Together they give
 * what the Security Manager and {@code Thread.stop} gave on JDK 17, on every JDK from 17 on
 * (the Security Manager cannot be enabled from JDK 24, {@code Thread.stop} throws from JDK 20).
 *
 * <p>Which classes get checks ({@link #checksFor}):
 * <ul>
 *   <li>classes JShell defines (each cell's {@code REPL.$JShell$N} and the classes of jars a cell
 *       adds with {@code %maven} or {@code %jars}): a check at every method start and loop turn;</li>
 *   <li>the library and the libraries it is taught with (Commons Math, tablesaw): a check at the
 *       start of each method that loops, so that a long training or solve stops within one step;</li>
 *   <li>nothing else: the JDK, the kernel and its wire (jjava, ZeroMQ) run unchanged.</li>
 * </ul>
 * A class the weaver cannot read is loaded unchanged (and logged): a cell then runs as before,
 * only without the stop check.
 */
public final class KernelAgent {

    private static volatile boolean installed;

    private KernelAgent() {
    }

    /** Whether the agent was loaded (kernel.json's {@code -javaagent}); the kernel warns if not. */
    static boolean installed() {
        return installed;
    }

    public static void premain(String arguments, Instrumentation instrumentation) throws Exception {
        // The boot loader must find the gate before Runtime may call it (Boot-Class-Path).
        Class<?> gate = Class.forName("org.neuralode.kernel.guard.ExitGate", true, null);
        Class.forName("org.neuralode.kernel.guard.StopPoll", true, null);
        ClassFileTransformer runtime = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                    byte[] classFile) {
                return loader == null && "java/lang/Runtime".equals(name) ? Weaving.exitGate(classFile) : null;
            }
        };
        instrumentation.addTransformer(runtime, true);
        instrumentation.retransformClasses(Runtime.class);
        instrumentation.removeTransformer(runtime);
        instrumentation.addTransformer(new StopChecks(), false);
        installed = gate != null;
    }

    /** What checks a class gets, by who loads it and its package. */
    enum Checks { NONE, AT_LOOPS, AT_LOOPING_METHODS }

    static Checks checksFor(ClassLoader loader, String name) {
        if (loader == null || name == null) {
            return Checks.NONE;
        }
        if (loader.getClass().getName().startsWith("jdk.jshell.")) {
            return Checks.AT_LOOPS;
        }
        if (name.startsWith("org/neuralode/") && !name.startsWith("org/neuralode/kernel/")
                || name.startsWith("org/apache/commons/math3/") || name.startsWith("tech/tablesaw/")) {
            return Checks.AT_LOOPING_METHODS;
        }
        return Checks.NONE;
    }

    private static final class StopChecks implements ClassFileTransformer {
        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                byte[] classFile) {
            try {
                return switch (checksFor(loader, name)) {
                    case AT_LOOPS -> Weaving.stopChecksAtLoops(classFile);
                    case AT_LOOPING_METHODS -> Weaving.stopChecksAtLoopingMethods(classFile);
                    case NONE -> null;
                };
            } catch (RuntimeException | LinkageError e) {
                KernelLog.warn("loaded " + name + " without stop checks (the stop button cannot end its loops)", e);
                return null;
            }
        }
    }
}
