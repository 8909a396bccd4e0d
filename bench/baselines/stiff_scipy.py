"""SciPy's stiff solvers on the problems of bench/stiff.sh (StiffBenchmark.java), printing the same
`stiff:` lines, and the side-by-side table of bench/NOTES.md ("Stiff problems").
Not run by the tests (SciPy is not a dependency of this project).

Needs numpy and scipy (measured with scipy 1.17.1) in any Python environment, e.g.
    python3 -m venv /tmp/scipyvenv && /tmp/scipyvenv/bin/pip install scipy
Run
    /tmp/scipyvenv/bin/python bench/baselines/stiff_scipy.py [--warmup 0.5] [--measure 1]
for the `stiff:` lines of odeint (LSODA, the seed's solver: ODEPACK's compiled Fortran, switching
between Adams and BDF) and solve_ivp(method="Radau") (scipy's Python port of RADAU5), both given the
exact Jacobian (solver names with "-jac") or not; and
    bench/stiff.sh > /tmp/stiff-java.txt
    /tmp/scipyvenv/bin/python bench/baselines/stiff_scipy.py --table /tmp/stiff-java.txt
for the markdown table: the error at the final time against the reference (max over components of
|y - y_ref| / (atol + rtol |y_ref|), i.e. in units of the requested tolerance), the work and the time
per solve of every line, ours read from the file, SciPy's run now (same machine, same run).

Counters SciPy does not report are printed as NA: odeint reports steps (nst), evaluations (nfe)
and Jacobians (nje; LSODA factors once per Jacobian and again whenever the step size changes, and
does not count decompositions), solve_ivp reports evaluations (nfev), Jacobians (njev) and LU
decompositions (nlu, real and complex counted separately: twice ours), and its accepted steps are
len(sol.t) - 1; neither reports rejected steps. odeint's nfe counts the finite-difference Jacobian's
n evaluations per Jacobian (as our evaluations do), solve_ivp's nfev does not: compare the "-jac" lines.

Timing: each configuration is solved for --warmup seconds, then for --measure seconds (at least 3
times); us_per_solve is the median. One thread (numpy's BLAS is not used at these sizes).

References: Robertson and HIRES, the Bari test set for IVP solvers (Mazzia and Magherini; the same
numbers as org.neuralode.equations.Robertson.reference() and Hires.reference()); Van der Pol with
mu = 1000 at t = 3000 from (2, 0), our Radau5 at rtol = atol = 1e-12 with the exact Jacobian
(Radau5Test.VAN_DER_POL_3000), which solve_ivp(method="Radau") at rtol = atol = 1e-12 matches to
the digits printed by --check-reference.
"""
import argparse
import math
import re
import sys
import time
import warnings

import numpy as np
from scipy.integrate import odeint, solve_ivp

MU = 1000.0


def robertson(t, y):
    return np.array([-0.04 * y[0] + 1e4 * y[1] * y[2],
                     0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1],
                     3e7 * y[1] * y[1]])


def robertson_jac(t, y):
    return np.array([[-0.04, 1e4 * y[2], 1e4 * y[1]],
                     [0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]],
                     [0.0, 6e7 * y[1], 0.0]])


def vanderpol(t, y):
    return np.array([y[1], MU * (1 - y[0] * y[0]) * y[1] - y[0]])


def vanderpol_jac(t, y):
    return np.array([[0.0, 1.0], [-2 * MU * y[0] * y[1] - 1, MU * (1 - y[0] * y[0])]])


def hires(t, y):
    return np.array([
        -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
        1.71 * y[0] - 8.75 * y[1],
        -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
        8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
        -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6],
        -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
        280 * y[5] * y[7] - 1.81 * y[6],
        -280 * y[5] * y[7] + 1.81 * y[6]])


def hires_jac(t, y):
    return np.array([
        [-1.71, 0.43, 8.32, 0, 0, 0, 0, 0],
        [1.71, -8.75, 0, 0, 0, 0, 0, 0],
        [0, 0, -10.03, 0.43, 0.035, 0, 0, 0],
        [0, 8.32, 1.71, -1.12, 0, 0, 0, 0],
        [0, 0, 0, 0, -1.745, 0.43, 0.43, 0],
        [0, 0, 0, 0.69, 1.71, -280 * y[7] - 0.43, 0.69, -280 * y[5]],
        [0, 0, 0, 0, 0, 280 * y[7], -1.81, 280 * y[5]],
        [0, 0, 0, 0, 0, -280 * y[7], 1.81, -280 * y[5]]], dtype=float)


# name, field, Jacobian, start, end, atol per rtol, reference at the end: as StiffBenchmark.PROBLEMS
PROBLEMS = [
    ("robertson", robertson, robertson_jac, [1.0, 0.0, 0.0], 1e11, 1e-6,
     [0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050]),
    ("vanderpol", vanderpol, vanderpol_jac, [2.0, 0.0], 3000.0, 1.0,
     [-1.510606936760428, 0.001178380000694034]),
    ("hires", hires, hires_jac, [1, 0, 0, 0, 0, 0, 0, 0.0057], 321.8122, 1e-4,
     [0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
      0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2]),
]
RTOLS = [1e-4, 1e-6, 1e-8]


def run_odeint(f, jac, y0, end, rtol, atol):
    # odeint calls func(y, t): the seed's argument order
    Dfun = (lambda y, t: jac(t, y)) if jac else None
    ys, info = odeint(lambda y, t: f(t, y), y0, [0.0, end], Dfun=Dfun, rtol=rtol, atol=atol,
                      mxstep=10 ** 6, full_output=True)
    if info["message"] != "Integration successful.":
        raise RuntimeError(info["message"])
    return ys[-1], dict(steps=int(info["nst"][-1]), rejected="NA", evaluations=int(info["nfe"][-1]),
                        jacobians=int(info["nje"][-1]), lu="NA")


def run_radau(f, jac, y0, end, rtol, atol):
    sol = solve_ivp(f, (0.0, end), y0, method="Radau", rtol=rtol, atol=atol, jac=jac)
    if not sol.success:
        raise RuntimeError(sol.message)
    return sol.y[:, -1], dict(steps=len(sol.t) - 1, rejected="NA", evaluations=sol.nfev, jacobians=sol.njev,
                              lu=sol.nlu)


SOLVERS = [("odeint", run_odeint, False), ("odeint-jac", run_odeint, True),
           ("scipy-radau", run_radau, False), ("scipy-radau-jac", run_radau, True)]


def timed(call, warmup, measure):
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        call()
    micros = []
    end = time.perf_counter() + measure
    while time.perf_counter() < end or len(micros) < 3:
        start = time.perf_counter()
        call()
        micros.append((time.perf_counter() - start) * 1e6)
    return sorted(micros)[len(micros) // 2]


def scipy_lines(warmup, measure):
    lines = []
    for name, f, jac, y0, end, atol_per_rtol, _ in PROBLEMS:
        for rtol in RTOLS:
            atol = rtol * atol_per_rtol
            for solver, run, with_jac in SOLVERS:
                call = lambda: run(f, jac if with_jac else None, np.array(y0, float), end, rtol, atol)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    final, stats = call()
                    us = timed(call, warmup, measure)
                line = ("stiff: problem=%s solver=%s rtol=%.0e atol=%.0e steps=%s rejected=%s evaluations=%s"
                        " jacobians=%s lu=%s us_per_solve=%.1f final=%s" % (
                            name, solver, rtol, atol, stats["steps"], stats["rejected"], stats["evaluations"],
                            stats["jacobians"], stats["lu"], us, ";".join(repr(float(v)) for v in final)))
                print(line, flush=True)
                lines.append(line)
    return lines


LINE = re.compile(r"^stiff: problem=(\S+) solver=(\S+) rtol=(\S+) atol=(\S+) steps=(\S+) rejected=(\S+)"
                  r" evaluations=(\S+) jacobians=(\S+) lu=(\S+) us_per_solve=(\S+) final=(\S+)$")


def table(java_lines, scipy_lines_):
    rows = {}
    for line in list(java_lines) + list(scipy_lines_):
        m = LINE.match(line.strip())
        if m:
            rows.setdefault((m.group(1), float(m.group(3))), []).append(m.groups())
    references = {p[0]: p[6] for p in PROBLEMS}
    print("| problem | rtol | atol | solver | steps | evaluations | Jacobians | LU | error / tol | us per solve |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
    for (problem, rtol), groups in rows.items():
        for g in groups:
            atol = float(g[3])
            final = [float(v) for v in g[10].split(";")]
            error = max(abs(y - r) / (atol + rtol * abs(r)) for y, r in zip(final, references[problem]))
            print("| %s | %s | %s | %s | %s | %s | %s | %s | %.3g | %s |" % (
                problem, g[2], g[3], g[1], g[4], g[6], g[7], g[8], error, g[9]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warmup", type=float, default=0.5)
    parser.add_argument("--measure", type=float, default=1.0)
    parser.add_argument("--table", help="a file with bench/stiff.sh's output: print the side-by-side table")
    parser.add_argument("--check-reference", action="store_true",
                        help="solve Van der Pol at rtol = atol = 1e-12 with solve_ivp Radau and print the end")
    args = parser.parse_args()
    if args.check_reference:
        sol = solve_ivp(vanderpol, (0, 3000), [2.0, 0.0], method="Radau", rtol=1e-12, atol=1e-12, jac=vanderpol_jac)
        print("solve_ivp Radau 1e-12:", repr(sol.y[0, -1]), repr(sol.y[1, -1]))
        return
    print("# scipy %s, numpy %s, Python %s; per line: %.1f s warm-up, then %.1f s of solves, median time"
          % (__import__("scipy").__version__, np.__version__, sys.version.split()[0], args.warmup, args.measure))
    lines = scipy_lines(args.warmup, args.measure)
    if args.table:
        with open(args.table) as f:
            java = [l for l in f if l.startswith("stiff:")]
        print()
        table(java, lines)


if __name__ == "__main__":
    main()
