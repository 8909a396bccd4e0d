package org.neuralode.kernel;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites class files as they are loaded (ASM), for {@link KernelAgent}:
 * <ul>
 *   <li>{@link #stopChecksAtLoops}: a cell's class calls {@code StopPoll.poll()} at the start of
 *       each method and before each backward branch, so that every loop can be stopped;</li>
 *   <li>{@link #stopChecksAtLoopingMethods}: a library class calls it at the start of each method
 *       that loops (not inside the loop, whose speed C2's vectorisation keeps);</li>
 *   <li>{@link #exitGate}: {@code java.lang.Runtime}'s {@code exit} and {@code halt} call
 *       {@code ExitGate.check(status)} first.</li>
 * </ul>
 * The inserted calls take and leave nothing on the operand stack, so every stack map frame stays
 * valid as it is and no frame is recomputed.
 *
 * <p>A class file newer than ASM knows (a JDK newer than this ASM) is read under the newest
 * version ASM knows and written back with its own: the class file format's structure has not
 * changed since Java 11, only the version number.
 */
final class Weaving {

    private static final String STOP_POLL = "org/neuralode/kernel/guard/StopPoll";
    private static final String EXIT_GATE = "org/neuralode/kernel/guard/ExitGate";
    private static final int API = Opcodes.ASM9;
    /** The newest class file major version this ASM reads (Java 25 is 69). */
    private static final int NEWEST_KNOWN = 69;

    private Weaving() {
    }

    /** A cell's class (or a class of a jar a cell added): a check before every backward branch. */
    static byte[] stopChecksAtLoops(byte[] classFile) {
        return weave(classFile, false, (access, name, desc, mv) -> new LoopChecks(mv));
    }

    /** A library class: a check at the start of each method that contains a loop. */
    static byte[] stopChecksAtLoopingMethods(byte[] classFile) {
        Set<String> looping = loopingMethods(classFile);
        if (looping.isEmpty()) {
            return null;
        }
        return weave(classFile, false, (access, name, desc, mv) ->
                looping.contains(name + desc) ? new EntryCheck(mv) : mv);
    }

    /** {@code java.lang.Runtime}: {@code exit(int)} and {@code halt(int)} ask the gate first. */
    static byte[] exitGate(byte[] classFile) {
        // (the status pushed for the check may need one more operand stack slot: maxima recomputed)
        return weave(classFile, true, (access, name, desc, mv) ->
                (name.equals("exit") || name.equals("halt")) && desc.equals("(I)V") ? new GateCheck(mv) : mv);
    }

    private interface MethodRewrite {
        MethodVisitor rewrite(int access, String name, String descriptor, MethodVisitor next);
    }

    private static byte[] weave(byte[] classFile, boolean computeMaxima, MethodRewrite rewrite) {
        int version = majorVersion(classFile);
        ClassReader reader = new ClassReader(readable(classFile));
        ClassWriter writer = new ClassWriter(reader, computeMaxima ? ClassWriter.COMPUTE_MAXS : 0);
        reader.accept(new ClassVisitor(API, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                return next == null ? null : rewrite.rewrite(access, name, descriptor, next);
            }
        }, 0);
        byte[] woven = writer.toByteArray();
        if (version > NEWEST_KNOWN) {
            woven[6] = classFile[6];
            woven[7] = classFile[7];
        }
        return woven;
    }

    /** The class file as ASM can read it: a version newer than ASM knows is set to the newest it knows. */
    private static byte[] readable(byte[] classFile) {
        if (majorVersion(classFile) <= NEWEST_KNOWN) {
            return classFile;
        }
        byte[] readable = classFile.clone();
        readable[6] = (byte) (NEWEST_KNOWN >>> 8);
        readable[7] = (byte) NEWEST_KNOWN;
        return readable;
    }

    private static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** The methods ({@code name + descriptor}) with a backward branch, i.e. a loop. */
    private static Set<String> loopingMethods(byte[] classFile) {
        Set<String> looping = new HashSet<>();
        new ClassReader(readable(classFile)).accept(new ClassVisitor(API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(API) {
                    private final Set<Label> seen = new HashSet<>();

                    @Override
                    public void visitLabel(Label label) {
                        seen.add(label);
                    }

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        if (seen.contains(label)) {
                            looping.add(name + descriptor);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return looping;
    }

    /** A check at the method's start and before each jump back to a label already passed. */
    private static final class LoopChecks extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        LoopChecks(MethodVisitor next) {
            super(API, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            poll();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                poll();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (anySeen(dflt, labels)) {
                poll();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (anySeen(dflt, labels)) {
                poll();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anySeen(Label dflt, Label[] labels) {
            if (seen.contains(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (seen.contains(l)) {
                    return true;
                }
            }
            return false;
        }

        private void poll() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP_POLL, "poll", "()V", false);
        }
    }

    /** A check at the method's start only. */
    private static final class EntryCheck extends MethodVisitor {
        EntryCheck(MethodVisitor next) {
            super(API, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP_POLL, "poll", "()V", false);
        }
    }

    /** {@code ExitGate.check(status)} at the method's start. */
    private static final class GateCheck extends MethodVisitor {
        GateCheck(MethodVisitor next) {
            super(API, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            super.visitVarInsn(Opcodes.ILOAD, 1);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_GATE, "check", "(I)V", false);
        }
    }
}
