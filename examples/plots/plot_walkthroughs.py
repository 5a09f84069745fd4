#!/usr/bin/env python3
"""Draws the seed walkthroughs' figures from the CSV series they write.

    nullity_walkthrough --figure-data DIR          # writes DIR/*.csv
    python3 examples/plots/plot_walkthroughs.py DIR docs/figures

Needs python3-matplotlib (Agg backend, no display) and python3-numpy.
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def load(directory, name):
    return np.genfromtxt(os.path.join(directory, name + ".csv"), delimiter=",", names=True)


def collapse(data, out):
    c = load(data, "day33_cloud")
    axes = np.genfromtxt(os.path.join(data, "day33_axes.csv"), delimiter=",", skip_header=1)
    fig = plt.figure(figsize=(13, 4.4))
    panels = [
        (("x", "y", "z"), "original cloud: rank 3"),
        (("x2", "y2", "z2"), "onto the plane n-perp: rank 2\n(n = (1,-2,1)/sqrt(6), the null vector of A)"),
        (("x1", "y1", "z1"), "onto the top principal axis v1: rank 1"),
    ]
    lim = np.percentile(np.abs([c[k] for k in ("x", "y", "z")]), 99)
    # Each panel looks from a direction at about 30 degrees to the erased (or kept) line, so
    # that the plane of panel 2 is seen obliquely rather than edge-on.
    views = [(20, 35), (15, -85), (20, 35)]
    for i, (cols, title) in enumerate(panels):
        ax = fig.add_subplot(1, 3, i + 1, projection="3d")
        ax.scatter(c[cols[0]], c[cols[1]], c[cols[2]], s=4, alpha=0.5, color="C0")
        if i == 1:
            n = axes[0] * lim
            ax.plot([-n[0], n[0]], [-n[1], n[1]], [-n[2], n[2]], color="C3", lw=2, label="erased: n")
            ax.legend(loc="upper left")
        if i == 2:
            v = axes[1] * lim
            ax.plot([-v[0], v[0]], [-v[1], v[1]], [-v[2], v[2]], color="C2", lw=2, label="kept: v1")
            ax.legend(loc="upper left")
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_zlim(-lim, lim)
        ax.set_title(title, fontsize=10)
        ax.view_init(elev=views[i][0], azim=views[i][1])
    fig.suptitle("Day 33: a 3-D cloud through rank-2 and rank-1 projections")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "day33_collapse.png"), dpi=110)
    plt.close(fig)


def layer_ranks(data, out):
    r = load(data, "layers_rank")
    labels = ["input", "16->32", "32->4", "4->32", "32->16"]
    fig, axs = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
    for ax, suffix, title in ((axs[0], "linear", "linear layers"), (axs[1], "relu", "with ReLU between layers")):
        ax.plot(r["layer"], r["rank_" + suffix], "o-", label="numerical rank")
        ax.plot(r["layer"], r["effective_" + suffix], "s--", label="effective rank (Roy-Vetterli)")
        ax.plot(r["layer"], r["stable_" + suffix], "^:", label="stable rank")
        ax.axvspan(1.8, 2.2, color="0.85", zorder=0)
        ax.set_xticks(r["layer"])
        ax.set_xticklabels(labels)
        ax.set_title(title)
        ax.set_xlabel("layer output (the shaded one is the 4-wide bottleneck)")
        ax.grid(alpha=0.3)
    axs[0].set_ylabel("rank of the 256-sample activation matrix")
    axs[0].legend()
    fig.suptitle("Rank through layers 16 -> 32 -> 4 -> 32 -> 16")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "layers_rank.png"), dpi=110)
    plt.close(fig)


def spectra(data, out):
    s = load(data, "layers_spectra")
    fig, axs = plt.subplots(1, 2, figsize=(11, 4))
    for ax, layer in ((axs[0], "W2"), (axs[1], "W1")):
        ax.semilogy(s["index"], s[layer + "_random"], "o-", label="random (at initialization)")
        ax.semilogy(s["index"], s[layer + "_trained"], "s-", label="trained by gradient descent")
        ax.set_xlabel("index i")
        ax.set_ylabel("singular value")
        ax.set_title(("output layer " if layer == "W2" else "hidden layer ") + layer)
        ax.grid(alpha=0.3, which="both")
        ax.legend()
    fig.suptitle("Singular spectra, random versus trained (task of rank 2)")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "layers_spectra.png"), dpi=110)
    plt.close(fig)


def convergence(data, out):
    g = load(data, "gd_convergence")
    fig, axs = plt.subplots(1, 2, figsize=(11, 4))
    ax = axs[0]
    ax.semilogy(g["k"], g["error_from_zero"], label="||w_k - w+||, start 0")
    ax.semilogy(g["k"], g["rate_bound"], "--", label="rho^k ||w_0 - w+||, rho = 1 - eta sigma_min^2")
    ax.semilogy(g["k"], g["error_from_w0"], label="||w_k - (w+ + ZZ^T w_0)||, random start")
    ax.set_xlabel("iteration k")
    ax.set_title("gradient descent converges linearly")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    ax = axs[1]
    floor = 1e-18  # zeros cannot be drawn on a log axis; they are drawn at this floor
    ax.semilogy(g["k"], np.maximum(g["null_from_zero"], floor), label="||Z^T w_k||, start 0")
    ax.semilogy(g["k"], np.maximum(g["null_move_from_w0"], floor), label="||Z^T (w_k - w_0)||, random start")
    ax.semilogy(g["k"], g["null_bound"], "--", label="rounding bound (start 0)")
    ax.set_xlabel("iteration k")
    ax.set_title("and never moves in the null space")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    fig.suptitle("Implicit regularization on Example 55")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "gd_convergence.png"), dpi=110)
    plt.close(fig)


def ridge(data, out):
    r = load(data, "example55_ridge")
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.loglog(r["lambda"], r["distance"], "o-", label="||w_lambda - w+||")
    ax.loglog(r["lambda"], r["upper"], "--", label="lambda ||w+|| / (sigma_min^2 + lambda)")
    ax.loglog(r["lambda"], r["lower"], ":", label="lambda ||w+|| / (sigma_max^2 + lambda)")
    ax.set_xlabel("lambda")
    ax.set_title("Example 55: ridge -> minimum norm at rate O(lambda)")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "example55_ridge.png"), dpi=110)
    plt.close(fig)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: plot_walkthroughs.py FIGURE_DATA_DIR OUTPUT_DIR")
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    collapse(data, out)
    layer_ranks(data, out)
    spectra(data, out)
    convergence(data, out)
    ridge(data, out)


if __name__ == "__main__":
    main()
