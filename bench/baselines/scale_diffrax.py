"""The counterpart of bench/scale.sh (ScaleBenchmark.java) in JAX + diffrax, float64, one thread:
what bench/scale-vs-diffrax.sh runs beside ours, in the same run, on the same core. Not run by
the tests (JAX is not a dependency of this project).

Needs a Python with jax and jaxlib 0.10.2 and diffrax 0.7.2 (with equinox, lineax, optimistix,
jaxtyping); see bench/baselines/spiral_diffrax.py for how to get them. Run with
    export JAX_ENABLE_X64=1 JAX_PLATFORMS=cpu \
        XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
    taskset -c 0 python scale_diffrax.py --sizes 16:200:200,64:800:1000 --mode backprop|backsolve
It prints one JSON line per size: the median ms per iteration (wall clock, and the process's CPU
time beside it; XLA's compile excluded), the steps of the forward solve (num_steps = accepted +
rejected) and the forward evaluations they make (Dopri5 with FSAL: 6 num_steps + 1).

The problem is ScaleBenchmark's exactly, down to the numbers: dh/dt = net(h), net = Linear(d, w),
tanh, Linear(w, d), Glorot-uniform weights drawn by java.util.Random(1) in our order (layer by
layer, W row by row, biases zero), a batch of B initial states drawn by java.util.Random(2)
(nextGaussian), 10 output times on [0, 1], Dopri5 with rtol 1e-7, atol 1e-9, the batch solved as
ONE state (one step-size sequence, RMS error norm over all B d components, as we do). One
iteration is a forward solve and the gradient of L = sum of every output / (B d) (the cotangent
1/(B d) at every output that ScaleBenchmark passes back); the parameters are not updated, so
every iteration does the same work.

Modes: backprop (RecursiveCheckpointAdjoint, diffrax's default: backprop through the solver's
own steps, recomputed from checkpoints), backsolve (BacksolveAdjoint: the adjoint ODE solved
backwards). Differences that remain: diffrax's PID controller and its first step of 0.01 (we
choose the first step as Hairer does), so the step counts differ a little; both are printed.
"""
import argparse
import json
import math
import time

import numpy as np
import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)
import diffrax  # noqa: E402

RTOL, ATOL = 1e-7, 1e-9


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator, nextDouble and nextGaussian."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)
        self.next_next_gaussian = None

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        value = self.seed >> (48 - bits)
        return value - (1 << bits) if value >= 1 << (bits - 1) else value  # Java's int

    def next_double(self):
        return (((self.next(26) & ((1 << 26) - 1)) << 27) + (self.next(27) & ((1 << 27) - 1))) * 2.0 ** -53

    def next_gaussian(self):
        # the polar method, as Random.nextGaussian (StrictMath.log may differ from math.log by an
        # ulp now and then: the initial states are ours to the last bit or nearly)
        if self.next_next_gaussian is not None:
            g, self.next_next_gaussian = self.next_next_gaussian, None
            return g
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        multiplier = math.sqrt(-2 * math.log(s) / s)
        self.next_next_gaussian = v2 * multiplier
        return v1 * multiplier


def problem(d, w, batch):
    """ScaleBenchmark's network (Mlp.Builder with Initialization.glorot(), seed 1) and h0 (seed 2)."""
    random = JavaRandom(1)
    layers = []
    for fan_in, fan_out in ((d, w), (w, d)):
        a = math.sqrt(6.0 / (fan_in + fan_out))
        weights = np.array([[a * (2 * random.next_double() - 1) for _ in range(fan_in)] for _ in range(fan_out)])
        layers.append((jnp.asarray(weights.T), jnp.zeros(fan_out)))  # stored (in, out): h @ W^T
    random = JavaRandom(2)
    h0 = np.array([random.next_gaussian() for _ in range(batch * d)]).reshape(batch, d)
    params = {"w1": layers[0][0], "b1": layers[0][1], "w2": layers[1][0], "b2": layers[1][1]}
    return params, jnp.asarray(h0)


def field(t, h, p):
    return jnp.tanh(h @ p["w1"] + p["b1"]) @ p["w2"] + p["b2"]


def build(mode, ts, max_steps):
    adjoint = diffrax.BacksolveAdjoint() if mode == "backsolve" else diffrax.RecursiveCheckpointAdjoint()

    def loss(p, h0):
        sol = diffrax.diffeqsolve(
            diffrax.ODETerm(field), diffrax.Dopri5(), t0=ts[0], t1=ts[-1], dt0=None, y0=h0, args=p,
            saveat=diffrax.SaveAt(ts=ts), stepsize_controller=diffrax.PIDController(rtol=RTOL, atol=ATOL),
            adjoint=adjoint, max_steps=max_steps)
        return jnp.sum(sol.ys) / h0.size, sol.stats["num_steps"]

    return jax.jit(jax.value_and_grad(loss, has_aux=True))


def run(d, w, batch, mode, seconds, min_iterations, max_steps):
    params, h0 = problem(d, w, batch)
    ts = jnp.linspace(0.0, 1.0, 10)
    step = build(mode, ts, max_steps)
    start = time.perf_counter()
    jax.block_until_ready(step(params, h0))  # compile, and one untimed iteration
    compile_s = time.perf_counter() - start
    wall, cpu = [], []
    deadline = time.perf_counter() + seconds
    steps = 0
    while len(wall) < min_iterations or time.perf_counter() < deadline:
        c0, w0 = time.process_time(), time.perf_counter()
        (value, steps), grads = step(params, h0)
        jax.block_until_ready(grads)
        wall.append((time.perf_counter() - w0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    steps = int(steps)
    return {"d": d, "w": w, "B": batch, "mode": mode, "ms_wall_median": float(np.median(wall)),
            "ms_cpu_median": float(np.median(cpu)), "iterations": len(wall), "num_steps": steps,
            "nfe_forward": 6 * steps + 1, "compile_s": compile_s,
            "load": open("/proc/loadavg").read().split()[:3]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="16:200:200,64:800:1000")
    ap.add_argument("--mode", default="backprop", choices=["backprop", "backsolve"])
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--min-iterations", type=int, default=3)
    ap.add_argument("--max-steps", type=int, default=4096)
    a = ap.parse_args()
    for size in a.sizes.split(","):
        d, w, batch = (int(x) for x in size.split(":"))
        print(json.dumps(run(d, w, batch, a.mode, a.seconds, a.min_iterations, a.max_steps)), flush=True)


if __name__ == "__main__":
    main()
