"""torchdiffeq's examples/ode_demo.py (the spiral) in JAX + diffrax, float64, one thread: the
baseline that bench/vs-diffrax.sh runs beside our bench/spiral.sh, in the same run, on the same core.
Not run by the tests (JAX is not a dependency of this project).

Needs a Python environment with jax and jaxlib 0.10.2 and diffrax 0.7.2 (with its dependencies
equinox, lineax, optimistix, jaxtyping); with the public package index:
    python3 -m venv ~/diffrax-venv && ~/diffrax-venv/bin/pip install jax==0.10.2 diffrax==0.7.2
(where only jax is on the index, diffrax, equinox, lineax and optimistix can come from their git
repositories, put on sys.path). Run with
    export JAX_ENABLE_X64=1 JAX_PLATFORMS=cpu \
        XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
    taskset -c 0 ~/diffrax-venv/bin/python spiral_diffrax.py --mode backprop|backsolve --seed 0 --iters 2000
It prints one JSON line: the median ms per iteration (compile and the test solves excluded), the
steps per solve (num_steps = accepted + rejected), forward evaluations per solve (Dopri5 with FSAL:
6 num_steps + 1, counted with --count-evals), best and final test loss.

The problem is ours exactly (SpiralBenchmark.java): dy/dt = y^3 A, A = [[-0.1, 2], [-2, -0.1]],
y0 = [2, 0], 1000 points on [0, 25]; model dh/dt = Linear(50, 2)(tanh(Linear(2, 50)(h^3))),
weights N(0, 0.1^2), biases 0; batches of 20 segments of 10 points, the batch solved as ONE state
(one step-size sequence, RMS error norm over all 40 components, like torchdiffeq and us);
Dopri5, PIDController(rtol=1e-7, atol=1e-9), SaveAt(ts=batch_t); L1 loss; RMSprop lr 1e-3 written
out as torch defines it (alpha 0.99, eps 1e-8 outside the square root).

Modes: backprop (RecursiveCheckpointAdjoint, diffrax's default), backsolve (BacksolveAdjoint),
vmap-backprop / vmap-backsolve (jax.vmap of one solve per trajectory: each its own step sizes).
Note: with dt0=None, diffrax 0.7.2 starts every solve with a step of 0.01 and spends no evaluation
choosing it (diffeqsolve wraps the term, and _select_initial_step returns 0.01 for any term that is
not a plain ODETerm); --dt0 hairer chooses it as torchdiffeq and we do (2 more evaluations).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)
import diffrax  # noqa: E402

DATA_SIZE, BATCH_TIME, BATCH_SIZE = 1000, 10, 20
A = jnp.array([[-0.1, 2.0], [-2.0, -0.1]])
RTOL, ATOL = 1e-7, 1e-9
LR, ALPHA, EPS = 1e-3, 0.99, 1e-8


def true_field(t, y, args):
    return (y ** 3) @ A


def make_data():
    t = jnp.linspace(0.0, 25.0, DATA_SIZE)
    y0 = jnp.array([2.0, 0.0])
    sol = diffrax.diffeqsolve(
        diffrax.ODETerm(true_field), diffrax.Dopri5(), t0=0.0, t1=25.0, dt0=None, y0=y0,
        saveat=diffrax.SaveAt(ts=t),
        stepsize_controller=diffrax.PIDController(rtol=1e-10, atol=1e-12),
        max_steps=1_000_000)
    return t, y0, sol.ys  # ys: (1000, 2)


def init_params(key):
    k1, k2 = jax.random.split(key)
    return {
        "w1": 0.1 * jax.random.normal(k1, (2, 50)), "b1": jnp.zeros(50),
        "w2": 0.1 * jax.random.normal(k2, (50, 2)), "b2": jnp.zeros(2),
    }


COUNT = [0]


def make_field(count):
    def field(t, y, p):
        if count:
            jax.debug.callback(lambda: COUNT.__setitem__(0, COUNT[0] + 1))
        h = jnp.tanh((y ** 3) @ p["w1"] + p["b1"])
        return h @ p["w2"] + p["b2"]
    return field


DT0_MODE = ["auto"]


def initial_dt(field, p, t0, y0):
    """torchdiffeq-style (Hairer) initial step, 2 vf evaluations, no gradient."""
    from diffrax._step_size_controller.pid import _select_initial_step
    import optimistix as optx
    h = _select_initial_step(diffrax.ODETerm(field), t0, y0, p,
                             lambda terms, t, y, args: terms.vf(t, y, args),
                             5, RTOL, ATOL, optx.rms_norm)
    return jax.lax.stop_gradient(h)


def solve(field, p, y0, ts, adjoint, max_steps=4096):
    # NOTE: with dt0=None diffrax (this snapshot) does NOT run its Hairer initial-step
    # selection: diffeqsolve wraps terms in WrapTerm, and _select_initial_step
    # returns the constant 0.01 when `not isinstance(terms, ODETerm)`. Verified by
    # counting vector-field calls (--count-evals). --dt0 hairer computes it explicitly.
    dt0 = None if DT0_MODE[0] == "auto" else initial_dt(field, p, ts[0], y0)
    return diffrax.diffeqsolve(
        diffrax.ODETerm(field), diffrax.Dopri5(), t0=ts[0], t1=ts[-1], dt0=dt0, y0=y0,
        args=p, saveat=diffrax.SaveAt(ts=ts),
        stepsize_controller=diffrax.PIDController(rtol=RTOL, atol=ATOL),
        adjoint=adjoint, max_steps=max_steps)


def build(mode, count=False):
    field = make_field(count)
    adjoint = (diffrax.BacksolveAdjoint() if mode.endswith("backsolve")
               else diffrax.RecursiveCheckpointAdjoint())
    vmapped = mode.startswith("vmap")

    def loss_fn(p, by0, bt, by):
        if vmapped:
            sol = jax.vmap(lambda y0: solve(field, p, y0, bt, adjoint))(by0)
            pred = jnp.swapaxes(sol.ys, 0, 1)  # (20,10,2) -> (10,20,2)
        else:
            sol = solve(field, p, by0, bt, adjoint)  # ys (10,20,2)
            pred = sol.ys
        st = sol.stats
        stats = (st["num_steps"], st["num_accepted_steps"], st["num_rejected_steps"])
        return jnp.mean(jnp.abs(pred - by)), stats

    @jax.jit
    def step(p, v, by0, bt, by):
        (loss, stats), g = jax.value_and_grad(loss_fn, has_aux=True)(p, by0, bt, by)
        v = jax.tree.map(lambda v_, g_: ALPHA * v_ + (1 - ALPHA) * g_ * g_, v, g)
        p = jax.tree.map(lambda p_, g_, v_: p_ - LR * g_ / (jnp.sqrt(v_) + EPS), p, g, v)
        return p, v, loss, stats

    @jax.jit
    def fwd_loss(p, by0, bt, by):
        return loss_fn(p, by0, bt, by)

    @jax.jit
    def test_loss(p, y0, t, ty):
        sol = solve(field, p, y0, t, diffrax.RecursiveCheckpointAdjoint(), max_steps=100_000)
        return jnp.mean(jnp.abs(sol.ys - ty)), sol.stats["num_steps"]

    return step, fwd_loss, test_loss


def batches(seed, iters, t, true_y):
    rng = np.random.RandomState(seed)  # like np.random.choice in ode_demo.py
    ty = np.asarray(true_y)
    for _ in range(iters):
        s = rng.choice(np.arange(DATA_SIZE - BATCH_TIME, dtype=np.int64), BATCH_SIZE,
                       replace=False)
        by0 = ty[s]                                               # (20,2)
        by = np.stack([ty[s + i] for i in range(BATCH_TIME)], 0)  # (10,20,2)
        yield jnp.asarray(by0), jnp.asarray(by)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", default="backprop",
                    choices=["backprop", "backsolve", "vmap-backprop", "vmap-backsolve"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--iters", type=int, default=2000)
    ap.add_argument("--test-freq", type=int, default=20)
    ap.add_argument("--count-evals", action="store_true",
                    help="diagnostic: count vector-field calls via jax.debug.callback (not timed)")
    ap.add_argument("--json", default=None)
    ap.add_argument("--dt0", default="auto", choices=["auto", "hairer"],
                    help="auto: diffrax dt0=None (effectively 0.01); hairer: explicit torchdiffeq-style selection")
    a = ap.parse_args()
    DT0_MODE[0] = a.dt0
    extra = 1 if a.dt0 == "auto" else 3  # fwd evals = 6*num_steps + extra (FSAL: stage 0 once)

    t, y0, true_y = make_data()
    bt = t[:BATCH_TIME]
    p = init_params(jax.random.PRNGKey(a.seed))
    v = jax.tree.map(jnp.zeros_like, p)
    step, fwd_loss, test_loss = build(a.mode, a.count_evals)

    if a.count_evals:
        rows = []
        for it, (by0, by) in enumerate(batches(a.seed, a.iters, t, true_y)):
            COUNT[0] = 0
            _, st = fwd_loss(p, by0, bt, by); jax.block_until_ready(st)
            jax.effects_barrier()
            nf = COUNT[0]
            COUNT[0] = 0
            p, v, loss, st2 = step(p, v, by0, bt, by); jax.block_until_ready(p)
            jax.effects_barrier()
            ntot = COUNT[0]
            ns, na, nr = (np.asarray(x) for x in st)
            rows.append((it, ns.tolist(), na.tolist(), nr.tolist(), nf, ntot))
            print(f"it {it}: steps {ns} acc {na} rej {nr}  fwd-solve vf calls {nf}"
                  f"  (6*steps+extra={6*ns.max()+extra})  vf calls in whole train step {ntot}")
        return

    # compile (excluded from timing)
    tc = time.perf_counter()
    by0_0, by_0 = next(batches(a.seed, 1, t, true_y))
    jax.block_until_ready(step.lower(p, v, by0_0, bt, by_0).compile())
    jax.block_until_ready(test_loss(p, y0, t, true_y))
    compile_s = time.perf_counter() - tc

    times, steps, acc, rej, tests = [], [], [], [], []
    for it, (by0, by) in enumerate(batches(a.seed, a.iters, t, true_y), start=1):
        t0 = time.perf_counter()
        p, v, loss, st = step(p, v, by0, bt, by)
        jax.block_until_ready((p, v, loss, st))
        times.append(time.perf_counter() - t0)
        steps.append(np.asarray(st[0])); acc.append(np.asarray(st[1])); rej.append(np.asarray(st[2]))
        if it % a.test_freq == 0:
            tl, tn = test_loss(p, y0, t, true_y)
            tests.append((it, float(tl), int(tn)))
    times = np.array(times) * 1e3
    steps, acc, rej = np.array(steps), np.array(acc), np.array(rej)
    tl = np.array([x[1] for x in tests])
    best = int(np.argmin(tl))
    res = {
        "mode": a.mode, "dt0": a.dt0, "seed": a.seed, "iters": a.iters, "compile_s": compile_s,
        "ms_median": float(np.median(times)), "ms_mean": float(times.mean()),
        "ms_p10": float(np.percentile(times, 10)), "ms_p90": float(np.percentile(times, 90)),
        "total_s": float(times.sum() / 1e3),
        "steps_median": float(np.median(steps)), "acc_median": float(np.median(acc)),
        "rej_median": float(np.median(rej)),
        "steps_mean": float(steps.mean()), "acc_mean": float(acc.mean()), "rej_mean": float(rej.mean()),
        "fwd_evals_median": float(np.median(6 * steps + extra)) if steps.ndim == 1 else None,
        "best_test": float(tl[best]), "best_test_iter": tests[best][0],
        "final_test": float(tl[-1]), "test_steps_final": tests[-1][2],
        "load": open("/proc/loadavg").read().split()[:3],
    }
    if steps.ndim == 2:  # vmapped: per-trajectory stats, shape (iters, 20)
        res["per_traj_steps_median"] = float(np.median(steps))
        res["per_traj_steps_min_max"] = [int(steps.min()), int(steps.max())]
        res["per_traj_acc_median"] = float(np.median(acc))
        res["per_traj_rej_median"] = float(np.median(rej))
        res["per_traj_fwd_evals_median"] = float(np.median(6 * steps + extra))
        res["max_over_batch_steps_median"] = float(np.median(steps.max(1)))
        res["first_iter_per_traj_steps"] = steps[0].tolist()
        for k in ("steps_median", "acc_median", "rej_median"):
            res.pop(k)
    print(json.dumps(res))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"summary": res, "tests": tests, "ms": times.tolist(),
                       "steps": steps.tolist(), "acc": acc.tolist(), "rej": rej.tolist()}, f)


if __name__ == "__main__":
    main()
