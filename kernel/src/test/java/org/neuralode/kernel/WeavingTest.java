package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neuralode.kernel.guard.ExitGate;
import org.neuralode.kernel.guard.StopPoll;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The agent's rewriting, on classes of this test loaded anew from woven bytes: a doomed thread
 * ends in a woven loop (and only there), a library class gets its check where it loops, and
 * {@code exit}/{@code halt} ask the gate. (The agent itself is the kernel's; the Python safety
 * tests run it in a real kernel on each JDK.)
 */
class WeavingTest {

    /** A cell's loops: each ends on its own after {@code millis}, unless stopped first. */
    public static final class Loops {
        public static long spin(long millis) {
            long end = System.nanoTime() + millis * 1_000_000L;
            long turns = 0;
            while (System.nanoTime() < end) {
                turns++;
            }
            return turns;
        }

        /** The student's pattern that swallowed ThreadDeath: catch everything, go on. */
        public static long catchEverything(long millis) {
            long end = System.nanoTime() + millis * 1_000_000L;
            long turns = 0;
            while (System.nanoTime() < end) {
                try {
                    turns += spin(1);
                } catch (Throwable swallowed) {
                    turns--;
                }
            }
            return turns;
        }

        public static int noLoop(int x) {
            return x + 1;
        }
    }

    /** Stands in for java.lang.Runtime (which cannot be defined anew in a test). */
    public static final class FakeRuntime {
        public int exited = -1;

        public void exit(int status) {
            exited = status;
        }

        public void halt(int status) {
            exited = 100 + status;
        }
    }

    @AfterEach
    void openGate() {
        ExitGate.open();
        StopPoll.forgetEnded();
    }

    @Test
    void a_doomed_thread_ends_in_a_woven_loop_even_when_it_catches_throwable() throws Exception {
        for (String method : new String[] {"spin", "catchEverything"}) {
            Class<?> woven = define(Loops.class, Weaving.stopChecksAtLoops(bytes(Loops.class)));
            Run run = start(woven.getMethod(method, long.class), 20_000);
            Thread.sleep(200);
            StopPoll.doom(run.thread);
            run.thread.join(5_000);
            assertFalse(run.thread.isAlive(), method + " was not stopped");
            assertInstanceOf(StopPoll.Stopped.class, run.failure.get(), method);
        }
    }

    @Test
    void an_unwoven_loop_runs_to_its_end_when_doomed() throws Exception {
        // what the weaving adds: the same loop without it ignores the doom (and ends by itself)
        Class<?> plain = define(Loops.class, bytes(Loops.class));
        Run run = start(plain.getMethod("spin", long.class), 600);
        Thread.sleep(100);
        StopPoll.doom(run.thread);
        run.thread.join(5_000);
        assertNull(run.failure.get());
        assertTrue(run.result.get() instanceof Long turns && turns > 0);
    }

    @Test
    void an_undoomed_woven_loop_computes_what_the_plain_one_does() throws Exception {
        Class<?> woven = define(Loops.class, Weaving.stopChecksAtLoops(bytes(Loops.class)));
        assertEquals(8, woven.getMethod("noLoop", int.class).invoke(null, 7));
        assertTrue((long) woven.getMethod("spin", long.class).invoke(null, 5L) > 0);
    }

    @Test
    void a_library_class_gets_one_check_at_the_start_of_each_looping_method() throws IOException {
        Map<String, Integer> checks = stopChecks(Weaving.stopChecksAtLoopingMethods(bytes(Loops.class)));
        assertEquals(1, checks.get("spin"), "one check at the start, none in the loop");
        assertEquals(1, checks.get("catchEverything"));
        assertEquals(0, checks.get("noLoop"));
        Map<String, Integer> cell = stopChecks(Weaving.stopChecksAtLoops(bytes(Loops.class)));
        assertEquals(2, cell.get("spin"), "a cell: at the start and at the loop's backward branch");
        assertEquals(1, cell.get("noLoop"));
        assertNull(Weaving.stopChecksAtLoopingMethods(bytes(FakeRuntime.class)), "no loop: the class is left as it is");
    }

    @Test
    void exit_and_halt_ask_the_gate() throws Exception {
        Class<?> woven = define(FakeRuntime.class, Weaving.exitGate(bytes(FakeRuntime.class)));
        Object runtime = woven.getConstructor().newInstance();
        Method exit = woven.getMethod("exit", int.class);
        Method halt = woven.getMethod("halt", int.class);
        ExitGate.close("not in a notebook");
        for (Method m : new Method[] {exit, halt}) {
            InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> m.invoke(runtime, 3));
            assertInstanceOf(SecurityException.class, thrown.getCause());
            assertTrue(thrown.getCause().getMessage().startsWith("not in a notebook"));
        }
        assertEquals(-1, woven.getField("exited").get(runtime), "a refused exit does nothing");
        ExitGate.open();
        exit.invoke(runtime, 3);
        assertEquals(3, woven.getField("exited").get(runtime));
    }

    @Test
    void a_class_file_newer_than_asm_knows_is_woven_and_keeps_its_version() throws Exception {
        byte[] plain = bytes(Loops.class);
        byte[] future = plain.clone();
        future[6] = 0;
        future[7] = 80; // Java 36
        byte[] woven = Weaving.stopChecksAtLoops(future);
        assertEquals(80, woven[7]);
        woven[6] = plain[6];
        woven[7] = plain[7];
        assertEquals(stopChecks(Weaving.stopChecksAtLoops(plain)), stopChecks(woven));
    }

    @Test
    void the_agent_weaves_cells_and_the_library_and_leaves_the_kernel_alone() {
        ClassLoader app = WeavingTest.class.getClassLoader();
        assertEquals(KernelAgent.Checks.AT_LOOPING_METHODS, KernelAgent.checksFor(app, "org/neuralode/solvers/Solver"));
        assertEquals(KernelAgent.Checks.AT_LOOPING_METHODS, KernelAgent.checksFor(app, "org/apache/commons/math3/util/FastMath"));
        assertEquals(KernelAgent.Checks.NONE, KernelAgent.checksFor(app, "org/neuralode/kernel/NeuralOdeKernel"));
        assertEquals(KernelAgent.Checks.NONE, KernelAgent.checksFor(app, "org/zeromq/ZMQ"));
        assertEquals(KernelAgent.Checks.NONE, KernelAgent.checksFor(null, "java/lang/String"));
    }

    // ------------------------------------------------------------------ helpers

    private record Run(Thread thread, AtomicReference<Object> result, AtomicReference<Throwable> failure) {
    }

    private static Run start(Method method, long millis) {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(method.invoke(null, millis));
            } catch (InvocationTargetException e) {
                failure.set(e.getCause());
            } catch (ReflectiveOperationException e) {
                failure.set(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return new Run(thread, result, failure);
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    /** Defines {@code classFile} as a fresh class named like {@code type}, in a loader of its own. */
    private static Class<?> define(Class<?> type, byte[] classFile) {
        return new ClassLoader(WeavingTest.class.getClassLoader()) {
            Class<?> make() {
                return defineClass(type.getName(), classFile, 0, classFile.length);
            }
        }.make();
    }

    /** The number of StopPoll.poll() calls in each method. */
    private static Map<String, Integer> stopChecks(byte[] classFile) {
        Map<String, Integer> checks = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                checks.put(name, 0);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String method, String d, boolean itf) {
                        if (owner.equals("org/neuralode/kernel/guard/StopPoll") && method.equals("poll")) {
                            checks.merge(name, 1, Integer::sum);
                        }
                    }
                };
            }
        }, 0);
        return checks;
    }
}
