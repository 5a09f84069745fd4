#!/usr/bin/env python3
"""How soon the kit catches each known-bad solver, over several seeds: runs the teeth binary once
per seed and prints a Markdown table of the cases each tooth's expected property needed (— when
it passed within the run's cases).

    scripts/teeth_table.py build/ci/bin/conformance_teeth 20261122 1 2 3 4 5 6 7 8 9
"""
import os
import re
import subprocess
import sys


def run(binary, seed):
    env = dict(os.environ, RC_PARAMS=f"seed={seed}")
    out = subprocess.run([binary, "--gtest_filter=Teeth.*"], env=env, capture_output=True, text=True).stdout
    first = dict(re.findall(r"^\[teeth\] (\S+): caught by \S+ after (\d+) cases", out, re.M))
    expected = {}
    for name, prop, cases in re.findall(r"^\[teeth\] (\S+): (\S+) fails after (\d+) cases", out, re.M):
        expected.setdefault(name, []).append(f"{prop} {cases}")
    passed = {m for m in re.findall(r"\[ +OK \] Teeth\.(\S+)", out)}
    return first, expected, len(passed)


def main():
    binary, seeds = sys.argv[1], sys.argv[2:]
    results = {seed: run(binary, seed) for seed in seeds}
    names = sorted({n for first, _, _ in results.values() for n in first})
    print("| bad solver | " + " | ".join(f"seed {s}" for s in seeds) + " |")
    print("|---|" + "---|" * len(seeds))
    for n in names:
        cells = []
        for s in seeds:
            first, expected, _ = results[s]
            cells.append(f"{first.get(n, '—')} / {', '.join(e.split()[-1] for e in expected.get(n, [])) or '—'}")
        print(f"| `{n}` | " + " | ".join(cells) + " |")
    print()
    print("cells: cases to the first catch / cases the expected properties needed; "
          + ", ".join(f"seed {s}: {results[s][2]} teeth tests passed" for s in seeds))


if __name__ == "__main__":
    main()
