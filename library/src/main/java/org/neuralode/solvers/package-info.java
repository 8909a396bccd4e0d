/**
 * Numerical solvers of {@code dh/dt = f(t, h)}, opened up in notebooks 02 ("Finite
 * differences"), 03 ("Residual connections") and 04 ("Solving ODEs well").
 *
 * <p>Read {@link org.neuralode.solvers.VectorField} first (the right-hand side {@code f}), then
 * {@link org.neuralode.solvers.Solver} and {@link org.neuralode.solvers.Solution} (what a solve
 * takes and returns), then {@link org.neuralode.solvers.Solvers}, the one-line factories the
 * notebooks call. Notebook 02 steps with {@link org.neuralode.solvers.FixedStepRungeKutta}
 * (Euler, Heun; the methods themselves are rows of a {@link org.neuralode.solvers.ButcherTableau}),
 * measures orders with {@link org.neuralode.solvers.Convergence} and meets stiffness with
 * {@link org.neuralode.solvers.ThetaMethod}; notebook 03 reads Euler's step as a residual block.
 * Notebook 04 adds error control: {@link org.neuralode.solvers.AdaptiveRungeKutta}, its errors
 * scaled and its first step chosen by {@link org.neuralode.solvers.Tolerances} and measured in an
 * {@link org.neuralode.solvers.ErrorNorm}, the next step size from
 * {@link org.neuralode.solvers.StepSizeController}, output between steps by
 * {@link org.neuralode.solvers.DenseOutput}, poles reported as a
 * {@link org.neuralode.solvers.SolverException}, and a cross-check against Commons Math in
 * {@link org.neuralode.solvers.CommonsMathSolver}; for stiff problems the adaptive implicit
 * {@link org.neuralode.solvers.Radau5} (its Newton systems factored by
 * {@code RealLu} and {@code ComplexLu}), and
 * {@link org.neuralode.solvers.Event}s located on the dense output of either kind of
 * {@link org.neuralode.solvers.EventSolver}.
 */
package org.neuralode.solvers;
