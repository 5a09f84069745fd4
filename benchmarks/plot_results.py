#!/usr/bin/env python3
"""Render docs/results/*.png and docs/results.md from the speed suite's and the accuracy sweep's
JSON (benchmarks/run_benchmarks.sh produces both).

Usage: plot_results.py [--speed docs/results/speed.json] [--accuracy docs/results/accuracy.json]
                       [--out docs]
Times are CPU times (single-threaded runs: equal to wall time on an idle machine, and less
disturbed by other processes on a shared one); with repetitions, the median.
"""
import argparse
import json
import math
import os
import re
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OPS = ["MinNorm", "NullSpace", "Rank"]
NAME = re.compile(r"^(\w+)/([\w-]+)/(\d+)x(\d+)/r(\d+)$")
TO_MS = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}


def load_speed(path):
    with open(path) as f:
        data = json.load(f)
    times = {}  # (op, contender, n, d, r) -> ms
    medians = {}
    for b in data["benchmarks"]:
        base = b.get("run_name", b["name"])
        m = NAME.match(base)
        if not m or b.get("error_occurred"):
            continue
        key = (m.group(1), m.group(2), int(m.group(3)), int(m.group(4)), int(m.group(5)))
        ms = b["cpu_time"] * TO_MS[b.get("time_unit", "ns")]
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[key] = ms
        else:
            times.setdefault(key, []).append(ms)
    result = {k: sorted(v)[len(v) // 2] for k, v in times.items()}
    result.update(medians)
    gemm = {}
    for b in data["benchmarks"]:
        if b["name"].startswith("Gemm/") and b.get("run_type") != "aggregate":
            gemm[b["name"]] = b.get("GFLOPS", float("nan")) / 1e9 if b.get("GFLOPS", 0) > 1e6 else b.get("GFLOPS")
    return data["context"], result, gemm


def plot_time_vs_size(times, out):
    """Returns False, drawing nothing, when speed.json has no n × 2n full-rank rows."""
    if not any(k[3] == 2 * k[2] and k[4] == k[2] for k in times):
        return False
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8))
    for ax, op in zip(axes, OPS):
        contenders = sorted({k[1] for k in times if k[0] == op})
        for c in contenders:
            pts = sorted((k[2], v) for k, v in times.items() if k[0] == op and k[1] == c and k[3] == 2 * k[2]
                         and k[4] == k[2])
            if pts:
                style = "-o" if c in ("qr", "svd") else "--."
                ax.loglog([p[0] for p in pts], [p[1] for p in pts], style, label=c, lw=2 if c in ("qr", "svd") else 1)
        ax.set_title(f"{op}: n × 2n, full rank")
        ax.set_xlabel("n (rows; d = 2n columns)")
        ax.set_ylabel("CPU time [ms]")
        ax.grid(True, which="both", alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return True


def plot_ratio(times, out):
    """Returns False, drawing nothing, when no problem has both a `qr` and an `svd` row."""
    keys = sorted({(k[2], k[3], k[4]) for k in times if k[1] == "qr" and (k[0], "svd") + k[2:] in times},
                  key=lambda s: (s[0] * s[1], s[2]))
    if not keys:
        return False
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.27
    for i, op in enumerate(OPS):
        ratios = []
        for (n, d, r) in keys:
            q, s = times.get((op, "qr", n, d, r)), times.get((op, "svd", n, d, r))
            ratios.append(s / q if q and s else float("nan"))
        ax.bar([j + (i - 1) * width for j in range(len(keys))], ratios, width, label=op)
    labels = [f"{n}x{d}\nr{r}" for (n, d, r) in keys]
    ax.set_xticks(range(len(keys)))
    ax.set_xticklabels(labels, fontsize=7)
    ax.set_yscale("log")
    ax.axhline(1, color="k", lw=0.8)
    ax.set_ylabel("time(SVD path) / time(QR path)")
    ax.set_title("nullity: how much slower the SVD path is than the QR path")
    ax.legend()
    ax.grid(True, axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return True


def plot_accuracy(acc, out, field, ylabel, with_bound):
    groups = defaultdict(list)
    for p in acc["points"]:
        groups[(p["shape"], p["residual"])].append(p)
    fig, axes = plt.subplots(1, len(groups), figsize=(5.2 * len(groups), 4.8), squeeze=False)
    for ax, ((shape, resid), pts) in zip(axes[0], sorted(groups.items())):
        pts.sort(key=lambda p: p["kappa_nominal"])
        kap = [p["kappa_nominal"] for p in pts]
        names = list(pts[0]["contenders"].keys())
        for c in names:
            ys = [p["contenders"][c][field] for p in pts]
            ys = [y if y is not None and y > 0 else float("nan") for y in ys]
            ax.loglog(kap, ys, "-o" if c in ("qr", "svd") else "--.", label=c, ms=4,
                      lw=2 if c in ("qr", "svd") else 1)
            wrong = [(k, y) for k, y, p in zip(kap, ys, pts) if p["contenders"][c]["rank_decision"] == "wrong"]
            if wrong:
                ax.loglog([w[0] for w in wrong], [w[1] for w in wrong], "rx", ms=9)
        if with_bound:
            b = [p["bound"] if p["bound"] is not None else float("nan") for p in pts]
            ax.loglog(kap, b, "k-", lw=3, alpha=0.35, label="bound (Björck / Higham 20.1)")
        else:
            ax.axhline(2.220446049250313e-16, color="k", lw=3, alpha=0.35, label="ε")
        ax.set_title(f"{shape}, {resid} residual")
        ax.set_xlabel("κ(X)")
        ax.set_ylabel(ylabel)
        ax.grid(True, which="both", alpha=0.3)
    axes[0][0].legend(fontsize=7)
    fig.suptitle("red x: rank decided differently from the oracle (outside the ambiguity band)", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def fmt_ms(v):
    return "—" if v is None else (f"{v:.0f}" if v >= 100 else f"{v:.3g}")


def headline(times, n, d):
    p = min(n, d)
    rows = []
    refs = {"MinNorm": "gelsy", "NullSpace": "qp3", "Rank": "qp3"}
    for op in OPS:
        for r in (p, p // 2):
            cs = sorted({k[1] for k in times if k[0] == op and k[2] == n and k[3] == d and k[4] == r})
            if not cs:
                continue
            cells = []
            for c in cs:
                v = times.get((op, c, n, d, r))
                cells.append(f"{c} {fmt_ms(v)}")
            rows.append(f"| {op} | r{r} | " + " · ".join(cells) + " |")
    return rows


def ratio(times, op, a, b, n, d, r):
    x, y = times.get((op, a, n, d, r)), times.get((op, b, n, d, r))
    return f"{x / y:.2f}" if x and y else "—"


# "Pay only for what you ask": each nullity call against the cheapest LAPACK route to the same
# answer. Rows: (label, operation, nullity's contender, LAPACK contenders — the fastest one counts).
PAY_ROWS = [
    ("`rank` SVD path / dgesdd JOBZ='N' (values only)", "Rank", "svd", ["gesdd"]),
    ("`rank` QR path / dgeqp3", "Rank", "qr", ["qp3"]),
    ("`null_space` SVD path / min(dgesdd 'A', dgesvd 'N','A')", "NullSpace", "svd", ["gesdd", "gesvd"]),
    ("`null_space` QR path / dgeqp3(Xᵀ)+dorgqr", "NullSpace", "qr", ["qp3"]),
    ("`min_norm_solve` SVD path / dgelsd", "MinNorm", "svd", ["gelsd"]),
    ("`min_norm_solve` QR path / dgelsy", "MinNorm", "qr", ["gelsy"]),
]
PAY_SHAPES = [(1000, 1000, 1000), (1000, 1000, 500), (2000, 1000, 1000), (1000, 2000, 500),
              (2500, 2500, 2500), (2500, 2500, 1250)]
# The benchmarks that table needs, for --benchmark_filter (run_benchmarks.sh documents it).
PAY_FILTER = ("^(Rank/(svd|qr|gesdd|qp3)|NullSpace/(svd|qr|gesdd|gesvd|qp3)|MinNorm/(svd|qr|gelsd|gelsy))/"
              "(1000x1000/r(1000|500)|2000x1000/r1000|1000x2000/r500|2500x2500/r(2500|1250))$")


def fmt_pay_ratio(q):
    """Two decimals; a third when a ratio above 1 would otherwise print as 1.00. Above 1: bold."""
    text = f"{q:.2f}"
    if q > 1.0 and text == "1.00":
        text = f"{q:.3f}"
    return f"**{text}**" if q > 1.0 else text


def pay_table(times):
    """The ratio table of nullity's time over the cheapest LAPACK route's (median CPU times)."""
    head = "| operation | " + " | ".join(f"{n}×{d} r{r}" for n, d, r in PAY_SHAPES) + " |"
    lines = [head, "|---|" + "---|" * len(PAY_SHAPES)]
    found = missing = 0
    partial = defaultdict(list)  # route -> shapes where it is absent but another route of its row was timed
    for label, op, ours, refs in PAY_ROWS:
        cells = []
        for n, d, r in PAY_SHAPES:
            x = times.get((op, ours, n, d, r))
            ys = {c: times[(op, c, n, d, r)] for c in refs if (op, c, n, d, r) in times}
            if x is None or not ys:
                cells.append("—")
                missing += 1
                continue
            absent = [c for c in refs if c not in ys]
            for c in absent:
                partial[f"{op}/{c}"].append(f"{n}×{d} r{r}")
            cells.append(fmt_pay_ratio(x / min(ys.values())) + (" †" if absent else ""))
            found += 1
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if not found:
        return ["No row of this table is in speed.json; run the benchmarks it needs with", "",
                f"    --benchmark_filter='{PAY_FILTER}'", ""]
    cheaper = []
    for n, d, r in PAY_SHAPES:
        sdd, svd = times.get(("NullSpace", "gesdd", n, d, r)), times.get(("NullSpace", "gesvd", n, d, r))
        if sdd and svd:
            cheaper.append(f"{n}×{d} r{r}: {'dgesdd' if sdd <= svd else 'dgesvd'} ({fmt_ms(min(sdd, svd))} ms)")
    lines += ["", "Goal (issue 16): every ratio ≤ 1.0. Ratios above 1.0 are in **bold**; [pay.md](pay.md) gives each "
              "one's measurement and explanation (two runs side by side: on this VM the same LAPACK call varies by up to "
              "20 % between runs)."]
    if missing:
        lines += ["", "— : a benchmark this cell needs is missing from speed.json."]
    if partial:
        lines += ["", "† : the minimum over the routes timed at that shape; not timed: " +
                  "; ".join(f"{c} at {', '.join(shapes)}" for c, shapes in sorted(partial.items())) +
                  " (benchmarks/speed.cpp says which contenders it skips at the largest shape, and why)."]
    lines += ["", "Each ratio is nullity's median CPU time over the LAPACK route's, same matrices, one thread. The "
              "null-space denominator is the faster of dgesdd (JOBZ='A'; 'S' on tall input, where the thin V is "
              "already the full d×d V) and dgesvd (JOBU='N', JOBVT='A': no U at all), each returning the "
              "trailing d − r columns of V." + (" The faster one: " + "; ".join(cheaper) + "." if cheaper else ""), ""]
    return lines


def accuracy_table(acc):
    lines = []
    groups = defaultdict(list)
    for p in acc["points"]:
        groups[(p["shape"], p["residual"])].append(p)
    for (shape, resid), pts in sorted(groups.items()):
        pts.sort(key=lambda p: p["kappa_nominal"])
        names = list(pts[0]["contenders"].keys())
        lines.append(f"\n**{shape}, {resid} residual** — forward error ‖ŵ − w⁺‖/‖w⁺‖ "
                     "(✗ = rank decided differently from the oracle; ? = σ within δ of τ)\n")
        lines.append("| κ | oracle rank | bound | " + " | ".join(names) + " |")
        lines.append("|---|---|---|" + "---|" * len(names))
        for p in pts:
            cells = []
            for c in names:
                e = p["contenders"][c]
                v = e["forward_error"]
                mark = " ✗" if e["rank_decision"] == "wrong" else ""
                cells.append(("∞/NaN" if v is None else f"{v:.1e}") + mark)
            b = "—" if p["bound"] is None else f"{p['bound']:.1e}"
            lines.append(f"| 1e{round(math.log10(p['kappa_nominal']))} | {p['rank_true']}{'?' if p['ambiguous'] else ''}"
                         f" | {b} | " + " | ".join(cells) + " |")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speed", default="docs/results/speed.json")
    ap.add_argument("--accuracy", default="docs/results/accuracy.json")
    ap.add_argument("--pay", default="docs/results/pay.json",
                    help="a run of only the pay table's rows (run_benchmarks.sh --pay), newer than --speed: "
                         "the table is drawn from it when it exists")
    ap.add_argument("--out", default="docs")
    args = ap.parse_args()
    res_dir = os.path.join(args.out, "results")
    os.makedirs(res_dir, exist_ok=True)

    ctx, times, gemm = load_speed(args.speed)
    plotted_size = plot_time_vs_size(times, os.path.join(res_dir, "time_vs_size.png"))
    plotted_ratio = plot_ratio(times, os.path.join(res_dir, "qr_svd_ratio.png"))
    acc = None
    if os.path.exists(args.accuracy):
        with open(args.accuracy) as f:
            acc = json.load(f)
        plot_accuracy(acc, os.path.join(res_dir, "forward_error.png"), "forward_error", "‖ŵ − w⁺‖/‖w⁺‖", True)
        plot_accuracy(acc, os.path.join(res_dir, "backward_error.png"), "backward_error",
                      "Karlson–Waldén η̃ / σ₁", False)

    md = ["# Benchmark results", "",
          "Generated by `benchmarks/plot_results.py` from `docs/results/speed.json` and "
          "`docs/results/accuracy.json` (run `benchmarks/run_benchmarks.sh`). Do not edit by hand.", "",
          "## Machine and build", "",
          f"- host: {ctx.get('host_name', '?')}, {ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz, "
          f"load average at start {ctx.get('load_avg', '?')}",
          f"- date: {ctx.get('date', '?')}",
          f"- compiler: {ctx.get('compiler', '?')}; flags: `{ctx.get('cxx_flags', '?')}`",
          f"- BLAS/LAPACK: OpenBLAS core `{ctx.get('openblas_corename', '?')}`, "
          f"OPENBLAS_CORETYPE={ctx.get('OPENBLAS_CORETYPE', '?')}, threads {ctx.get('openblas_threads', '?')}; "
          f"Eigen {ctx.get('eigen_version', '?')} ({ctx.get('eigen_simd', '?')}), threads {ctx.get('eigen_threads', '?')}",
          f"- commit: `{ctx.get('commit', '?')}`",
          f"- allocator: {ctx.get('malloc', 'glibc defaults')} — freed memory stays in the process, so no "
          "contender pays first-touch page faults on every repetition (on this VM they cost ~100 ms per "
          "1000×2000 QR solve, more than the arithmetic; see `benchmarks/speed.cpp`)",
          "- times: CPU time in ms, single thread; median of the repetitions when there are several.",
          "- GFLOP/s counters in the JSON use one nominal count per problem, 2mp² − 2p³/3 "
          "(Householder QR of the tall orientation), the same for every contender.", ""]
    if gemm:
        md.append("Physical limit (GEMM 1000³, one core): " +
                  ", ".join(f"{k.split('/')[1]} {v:.1f} GFLOP/s" for k, v in sorted(gemm.items())) + ".")
        md.append("")

    md += ["## Pay only for what you ask", ""]
    if os.path.exists(args.pay):
        pctx, ptimes, _ = load_speed(args.pay)
        md += [f"From `{os.path.relpath(args.pay, args.out)}`, a run of only this table's rows: commit "
               f"`{pctx.get('commit', '?')}`, {pctx.get('date', '?')}, load average at start "
               f"{pctx.get('load_avg', '?')}, OpenBLAS threads {pctx.get('openblas_threads', '?')}. "
               + ("The sections after this one are from the full run above (commit "
                  f"`{ctx.get('commit', '?')}`); where the two commits differ, nullity's rows below are "
                  "older than this table." if pctx.get("commit") != ctx.get("commit") else ""), ""]
        md += pay_table(ptimes)
    else:
        md += pay_table(times)

    md += ["## Headline: 1000×2000", ""]
    if not any(k[2:4] == (1000, 2000) for k in times):
        md += ["No 1000×2000 rows in speed.json.", ""]
    else:
        md += [
               "| ratio (1000×2000) | full rank r1000 | half rank r500 |", "|---|---|---|",
               f"| min-norm solve, QR path / dgelsy | {ratio(times, 'MinNorm', 'qr', 'gelsy', 1000, 2000, 1000)} | "
               f"{ratio(times, 'MinNorm', 'qr', 'gelsy', 1000, 2000, 500)} |",
               f"| min-norm solve, SVD path / dgelsd | {ratio(times, 'MinNorm', 'svd', 'gelsd', 1000, 2000, 1000)} | "
               f"{ratio(times, 'MinNorm', 'svd', 'gelsd', 1000, 2000, 500)} |",
               f"| min-norm solve, SVD path, Eigen backend / dgelsd | "
               f"{ratio(times, 'MinNorm', 'svd-eigen', 'gelsd', 1000, 2000, 1000)} | "
               f"{ratio(times, 'MinNorm', 'svd-eigen', 'gelsd', 1000, 2000, 500)} |",
               f"| factorize + solve, SVD path / dgelsd | "
               f"{ratio(times, 'MinNorm', 'svd-factorize', 'gelsd', 1000, 2000, 1000)} | "
               f"{ratio(times, 'MinNorm', 'svd-factorize', 'gelsd', 1000, 2000, 500)} |",
               f"| null space, QR path / dgeqp3+dorgqr | {ratio(times, 'NullSpace', 'qr', 'qp3', 1000, 2000, 1000)} | "
               f"{ratio(times, 'NullSpace', 'qr', 'qp3', 1000, 2000, 500)} |",
               f"| null space, SVD path / dgeqp3+dorgqr | {ratio(times, 'NullSpace', 'svd', 'qp3', 1000, 2000, 1000)} | "
               f"{ratio(times, 'NullSpace', 'svd', 'qp3', 1000, 2000, 500)} |",
               f"| rank, QR path / dgeqp3 | {ratio(times, 'Rank', 'qr', 'qp3', 1000, 2000, 1000)} | "
               f"{ratio(times, 'Rank', 'qr', 'qp3', 1000, 2000, 500)} |",
               "", "Targets: QR solve ≤ 0.6× dgelsy full rank, ≤ 1.0× rank-deficient; SVD solve ≤ 1.0× "
               "dgelsd; null space ≤ 1.0× dgeqp3+dorgqr.", ""]
    for n, d in ((1000, 2000), (2000, 1000), (1000, 1000), (2500, 2500), (256, 512)):
        md += [f"### All contenders, {n}×{d} (ms)", ""]
        rows = headline(times, n, d)
        md += (["| operation | rank | times |", "|---|---|---|"] + rows) if rows else [f"No {n}×{d} rows in speed.json."]
        md.append("")
    md += ["![time vs size](results/time_vs_size.png)" if plotted_size else
           "(No n × 2n full-rank rows in speed.json: no time-vs-size figure.)", "",
           "![QR/SVD ratio](results/qr_svd_ratio.png)" if plotted_ratio else
           "(No problem with both a QR-path and an SVD-path row in speed.json: no QR/SVD figure.)", ""]

    md += ["## The SVD path: R-SVD and the xGELSD route", "",
           "`factorize` on the SVD path reduces the tall orientation by an unpivoted Householder QR and "
           "decomposes the p×p triangular factor (xGESDD on the LAPACK backend, the default for float and "
           "double; BDCSVD on the Eigen backend); the d×d right factor stays as reflectors until a basis is "
           "asked for. The one-shot `min_norm_solve` forms no singular vector: QR, then xGELSD on the "
           "triangular factor, whose RCOND test is the rank rule. Rows: `svd` = `min_norm_solve` with the "
           "default (LAPACK) backend, `svd-eigen` = the same call with `Backend::eigen` (which factorizes), "
           "`svd-factorize` = `factorize(X).solve(y)` on the default backend (what a caller who also wants "
           "the rank or null space pays); `qr` = `min_norm_solve` on the QR path.", ""]
    md += ["## The QR path's fast route", "",
           "The QR path first computes an unpivoted Householder QR of the tall orientation A (X, or Xᵀ when "
           "n < d), A = Q₀R₀. It accepts rank p = min(n,d) without pivoting when Higham's 1-norm estimate of "
           "‖R₀⁻¹‖ (as LAPACK's xTRCON) gives",
           "",
           "    1/(√p · est‖R₀⁻¹‖₁) > 10 · (τ̄ + p·ε·‖A‖_F)   and   min|R₀_ii| > the same,",
           "",
           "with τ̄ the tolerance evaluated at s₁ = ‖A‖_F ≥ σ₁ (so τ̄ ≥ τ for the SVD's and the pivoted QR's s₁). "
           "Every column-pivoted QR of A has |R_kk| ≥ σ_min(A), so whenever σ_min clears τ by more than the "
           "factorizations' backward error (p·ε·‖A‖_F), the pivoted route would also find rank p; "
           "‖R⁻¹‖₂ ≤ √p‖R⁻¹‖₁ converts the estimate, and the factor 10 covers the estimator's usual "
           "underestimate (≤ 3). The estimate is a lower bound on ‖R₀⁻¹‖₁ and can in principle be fooled "
           "by a matrix built against it: the rule is documented, not proved. Otherwise the pivoted route "
           "runs a column-pivoted QR of R₀ (the same pivots and |R_ii| as pivoting A itself, in exact "
           "arithmetic, at p×p cost), decides r = #{|R_ii| > τ} and completes the orthogonal "
           "decomposition as xGELSY. On the fast route `spectrum()` reports the |R₀_ii| sorted "
           "non-increasingly; all exceed τ. `reference/tests/qr_routes_test.cpp` checks that the routes "
           "agree.", ""]

    if acc:
        md += ["## Accuracy against the MPFR oracle", "",
               "X = U diag(σ) Vᵀ with Haar U, V and geometric σ from 1 to 1/κ; y = X·w (zero residual) or "
               "plus a component orthogonal to range(X) as large as Xw (non-zero residual; impossible for "
               "20×40 of full row rank). Oracle: 256-bit one-sided Jacobi SVD of the stored matrix. "
               "Rank rule for everyone: τ = max(n,d)·ε·σ₁. Bound: Björck's first-order bound for a "
               "backward error max(n,d)·ε (see `benchmarks/accuracy_sweep.cpp`).", ""]
        md += accuracy_table(acc)
        md += ["", "![forward error](results/forward_error.png)", "",
               "![backward error](results/backward_error.png)", ""]
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("wrote", os.path.join(args.out, "results.md"), "and", res_dir + "/*.png")


if __name__ == "__main__":
    main()
