/**
 * The two checks that woven code calls: {@link org.neuralode.kernel.guard.ExitGate} (from
 * {@code Runtime.exit} and {@code Runtime.halt}) and {@link org.neuralode.kernel.guard.StopPoll}
 * (from a cell's loops). The JVM's boot loader holds this package (the kernel jar's manifest names
 * {@code *-guard.jar} in {@code Boot-Class-Path}), so that {@code java.lang.Runtime} can call it;
 * it depends on nothing but {@code java.base}.
 */
package org.neuralode.kernel.guard;
