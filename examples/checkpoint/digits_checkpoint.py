#!/usr/bin/python3
"""A real checkpoint through `nullity layers`: the seed's exercises 2 and 3 on a network that
learned something.

Trains a 64-64-32-10 ReLU network on scikit-learn's bundled 8x8 digits (no download; NumPy
does the training, full-batch Adam, fixed seed), saves the trained weights, the same network's
initial random weights and the trained network's activations on the held-out digits as one
.safetensors file, then runs `nullity layers` on it and checks what the walkthrough says:

  - the network learned something: held-out accuracy >= 0.9;
  - exercise 2, trained vs random: training concentrates each hidden weight matrix's spectrum
    (its stable rank ||W||_F^2/||W||_2^2 falls below the random initial one's), while its
    numerical rank stays full: the change is in the spectrum's shape, not in the rank;
  - exercise 3, activation rank across layers: the ranks of the held-out activations never
    exceed the layer widths (64, 32, 10), and with ReLU the hidden ones fall short of them
    (units that never fire on these digits are zero columns).

usage: digits_checkpoint.py NULLITY OUTDIR [FIGURE.png]
Writes OUTDIR/digits_mlp.safetensors and OUTDIR/layers.json; prints the narration and
`nullity layers`' table; exit status 1 if a check fails. Needs python3-numpy, python3-sklearn
and, for the figure, python3-matplotlib.
"""
import json
import os
import struct
import subprocess
import sys

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 20261122
WIDTHS = [64, 64, 32, 10]


def init(rng):
    """He initialisation for ReLU layers: W_k ~ N(0, 2/fan_in), b = 0."""
    return [(rng.standard_normal((WIDTHS[k + 1], WIDTHS[k])) * np.sqrt(2.0 / WIDTHS[k]), np.zeros(WIDTHS[k + 1]))
            for k in range(len(WIDTHS) - 1)]


def forward(params, X):
    """Activations of every layer (ReLU hidden, linear logits)."""
    acts = [X]
    for k, (W, b) in enumerate(params):
        z = acts[-1] @ W.T + b
        acts.append(np.maximum(z, 0) if k + 1 < len(params) else z)
    return acts


def train(params, X, y, epochs=300, lr=3e-3):
    """Full-batch Adam on the softmax cross-entropy."""
    params = [(W.copy(), b.copy()) for W, b in params]
    m = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
    v = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
    onehot = np.eye(10)[y]
    for t in range(1, epochs + 1):
        acts = forward(params, X)
        logits = acts[-1] - acts[-1].max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        delta = (p - onehot) / len(X)
        for k in reversed(range(len(params))):
            W, b = params[k]
            gW, gb = delta.T @ acts[k], delta.sum(axis=0)
            if k > 0:
                delta = (delta @ W) * (acts[k] > 0)
            for g, mm, vv, idx in ((gW, m[k][0], v[k][0], 0), (gb, m[k][1], v[k][1], 1)):
                mm *= 0.9
                mm += 0.1 * g
                vv *= 0.999
                vv += 0.001 * g * g
                step = lr * (mm / (1 - 0.9**t)) / (np.sqrt(vv / (1 - 0.999**t)) + 1e-8)
                params[k][idx][...] -= step
    return params


def save_safetensors(path, tensors):
    """tensors: list of (name, float array); F32, C order, as torch's save_file would write."""
    header, blobs, offset = {"__metadata__": {"source": "digits_checkpoint.py"}}, [], 0
    for name, array in tensors:
        raw = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)  # the format pads the header to 8 bytes
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    nullity, outdir = sys.argv[1], sys.argv[2]
    figure = sys.argv[3] if len(sys.argv) == 4 else None
    os.makedirs(outdir, exist_ok=True)

    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    rng = np.random.default_rng(SEED)
    initial = init(rng)
    trained = train(initial, X_train, y_train)
    accuracy_before = float((forward(initial, X_test)[-1].argmax(axis=1) == y_test).mean())
    accuracy = float((forward(trained, X_test)[-1].argmax(axis=1) == y_test).mean())

    tensors = []
    for k, ((W, b), (W0, _)) in enumerate(zip(trained, initial)):
        tensors += [(f"trained.fc{k + 1}.weight", W), (f"trained.fc{k + 1}.bias", b), (f"random.fc{k + 1}.weight", W0)]
    acts = forward(trained, X_test)
    for k in range(1, len(acts)):
        tensors.append((f"activations.layer{k}", acts[k]))
    path = os.path.join(outdir, "digits_mlp.safetensors")
    save_safetensors(path, tensors)

    # Run next to the file, so that the report and the figure name it without the directory.
    nullity = os.path.abspath(nullity)
    figure = os.path.abspath(figure) if figure else None
    name = os.path.basename(path)
    command = [nullity, "layers", name, "--json"] + (["--plot", figure] if figure else [])
    # The figure is drawn by this interpreter, which has matplotlib if it has sklearn.
    env = dict(os.environ, PYTHON=sys.executable)
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=outdir)
    if result.returncode != 0:
        sys.exit(f"nullity layers failed: {result.stderr.strip()}")
    with open(os.path.join(outdir, "layers.json"), "w") as f:
        f.write(result.stdout)
    layers = {a["name"]: a for a in json.loads(result.stdout)["arrays"]}
    table = subprocess.run([nullity, "layers", name], capture_output=True, text=True, cwd=outdir)
    print(f"digits: {len(X_train)} training and {len(X_test)} held-out 8x8 images; network 64-64-32-10 (ReLU)")
    print(f"held-out accuracy: {accuracy_before:.3f} at initialisation, {accuracy:.3f} trained\n")
    print(f"$ nullity layers {name}")
    print(table.stdout, end="")
    print(table.stderr, end="")

    failures = []

    def check(ok, what):
        print(("  ok    " if ok else "  FAIL  ") + what)
        if not ok:
            failures.append(what)

    print("\nchecks:")
    check(accuracy >= 0.9, f"the network learned something: held-out accuracy {accuracy:.3f} >= 0.9")
    for k in (1, 2):
        t, r = layers[f"trained.fc{k}.weight"], layers[f"random.fc{k}.weight"]
        check(t["stable_rank"] < r["stable_rank"],
              f"fc{k}: training concentrates the spectrum: stable rank {t['stable_rank']:.3g} "
              f"(trained) < {r['stable_rank']:.3g} (random)")
        full = min(t["rows"], t["cols"])
        check(t["rank"] == full and r["rank"] == full,
              f"fc{k}: numerical rank stays full ({t['rank']} and {r['rank']} of {full})")
    for k, width in zip((1, 2, 3), WIDTHS[1:]):
        a = layers[f"activations.layer{k}"]
        check(a["rank"] <= width, f"activations of layer {k}: rank {a['rank']} <= width {width}")
    for k, width in zip((1, 2), WIDTHS[1:3]):
        a = layers[f"activations.layer{k}"]
        dead = int((np.asarray(acts[k]) > 0).any(axis=0).size - (np.asarray(acts[k]) > 0).any(axis=0).sum())
        check(a["rank"] <= width - dead,
              f"activations of layer {k}: rank {a['rank']} <= {width} - {dead} units that never fire")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
