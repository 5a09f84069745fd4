#!/usr/bin/env python3
"""Mutation testing of the reference library: plants one small fault at a time in
reference/include/nullity/ and asks whether the unit and property tests notice.

Operators: relational operators (< <=, > >=, == !=), +1/-1, min/max, leftCols/rightCols,
topRows/bottomRows, && ||, a dropped .transpose(), a dropped abs(). The sites are enumerated in a
fixed order and sampled with a seed; each mutant is written into the source, the test programs
of the chosen labels are rebuilt in their own build directory, the labels are run, and the file
is restored (also on Ctrl-C). A mutant is killed when a test fails, stillborn when it does not
compile (not counted), survived otherwise. Survivors are classified by hand: list the equivalent
ones, with the reason, in scripts/mutants_equivalent.txt ("<id> <reason>"); the score counts
killed / (killed + survived − equivalent).

    scripts/mutate.py --list                      # every site, with its id
    scripts/mutate.py --sample 60 --seed 1        # 60 mutants; a Markdown table on stdout
    scripts/mutate.py --ids 12 40 --labels quick  # chosen mutants, one label

Slow by design (each mutant recompiles what includes the mutated header): not part of CI.
"""
import argparse
import os
import random
import re
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADERS = os.path.join(ROOT, "reference", "include", "nullity")
BUILD = os.path.join(ROOT, "build", "mutate")

# (name, pattern, replacement): each match of the pattern is one site.
OPERATORS = [
    # Binary < and > are written with a space on each side; a template's brackets are not.
    ("< to <=", r"(?<=\s)<(?=\s)", "<="),
    ("<= to <", r"<=", "<"),
    ("> to >=", r"(?<=\s)>(?=\s)", ">="),
    (">= to >", r">=", ">"),
    ("== to !=", r"==", "!="),
    ("!= to ==", r"!=", "=="),
    ("+ 1 to - 1", r"\+ 1\b", "- 1"),
    ("- 1 to + 1", r"- 1\b", "+ 1"),
    ("min to max", r"\bmin\(", "max("),
    ("max to min", r"\bmax\(", "min("),
    ("leftCols to rightCols", r"\bleftCols\(", "rightCols("),
    ("rightCols to leftCols", r"\brightCols\(", "leftCols("),
    ("topRows to bottomRows", r"\btopRows\(", "bottomRows("),
    ("&& to ||", r"&&", "||"),
    ("|| to &&", r"\|\|", "&&"),
    ("drop .transpose()", r"\.transpose\(\)", ""),
    ("drop abs", r"\babs\(", "("),
]


def code_part(line):
    """The line without a trailing // comment (mutating comments proves nothing)."""
    i = line.find("//")
    return line if i < 0 else line[:i]


def sites():
    out = []
    for dirpath, _, files in sorted(os.walk(HEADERS)):
        for f in sorted(files):
            if not f.endswith(".hpp"):
                continue
            path = os.path.join(dirpath, f)
            with open(path, encoding="utf-8") as fh:
                lines = fh.read().split("\n")
            for ln, line in enumerate(lines):
                code = code_part(line)
                if code.lstrip().startswith(("#", "*", "///")):
                    continue
                for name, pattern, repl in OPERATORS:
                    for m in re.finditer(pattern, code):
                        out.append((os.path.relpath(path, ROOT), ln, m.start(), m.end(), name, repl))
    return out


def mutate(site):
    path, ln, start, end, _, repl = site
    full = os.path.join(ROOT, path)
    with open(full, encoding="utf-8") as fh:
        original = fh.read()
    lines = original.split("\n")
    lines[ln] = lines[ln][:start] + repl + lines[ln][end:]
    with open(full, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return full, original


def run(cmd, timeout=None):
    # The compiler cache keyed on paths relative to the checkout, as CI's: the unmutated build
    # then costs nothing after a ci build, and a mutant only what includes its header.
    env = dict(os.environ, CCACHE_BASEDIR=ROOT, CCACHE_NOHASHDIR="1")
    return subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=timeout)


def test_targets(labels):
    """The executables behind the tests of the labels (ctest's JSON listing)."""
    import json
    listing = run(["ctest", "--test-dir", BUILD, "-L", labels, "--show-only=json-v1"]).stdout
    targets = set()
    for t in json.loads(listing).get("tests", []):
        cmd = t.get("command") or []
        if cmd:
            targets.add(os.path.basename(cmd[0]))
    return sorted(targets)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ids", type=int, nargs="*", default=[])
    ap.add_argument("--labels", default="quick|property")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per mutant's test run")
    a = ap.parse_args()

    all_sites = sites()
    if a.list:
        for i, (path, ln, col, _, name, _) in enumerate(all_sites):
            print(f"{i}\t{path}:{ln + 1}:{col + 1}\t{name}")
        return 0
    chosen = a.ids or sorted(random.Random(a.seed).sample(range(len(all_sites)), min(a.sample, len(all_sites))))
    if not chosen:
        ap.error("nothing to do: --list, --sample N or --ids ...")

    if not os.path.exists(os.path.join(BUILD, "CMakeCache.txt")):
        # The ci preset's flags (so the cache applies), without what the tests do not need.
        run(["cmake", "-S", ROOT, "-B", BUILD, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", "-DNULLITY_WERROR=ON",
             "-DNULLITY_BUILD_PYTHON=OFF", "-DNULLITY_BUILD_BENCHMARKS=OFF", "-DNULLITY_BUILD_EXAMPLES=OFF",
             "-DNULLITY_MULTIPRECISION_TESTS=OFF"])
    # Everything once (the tests are discovered from the built programs), then per mutant only
    # the programs behind the chosen labels.
    baseline = run(["cmake", "--build", BUILD])
    if baseline.returncode != 0:
        sys.exit("mutate.py: the unmutated build fails:\n" + baseline.stdout[-3000:])
    targets = test_targets(a.labels)
    if not targets:
        sys.exit(f"mutate.py: no tests carry the labels {a.labels}")

    equivalent = {}
    eq_file = os.path.join(ROOT, "scripts", "mutants_equivalent.txt")
    if os.path.exists(eq_file):
        with open(eq_file, encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and not line.startswith("#"):
                    k, _, why = line.strip().partition(" ")
                    equivalent[int(k)] = why

    rows, counts = [], {"killed": 0, "survived": 0, "stillborn": 0, "equivalent": 0}
    for i in chosen:
        site = all_sites[i]
        full, original = mutate(site)
        restore = lambda *_: open(full, "w", encoding="utf-8").write(original)  # noqa: E731
        signal.signal(signal.SIGINT, lambda *_: (restore(), sys.exit(130)))
        try:
            if run(["cmake", "--build", BUILD, "--target", *targets]).returncode != 0:
                verdict = "stillborn"
            else:
                try:
                    t = run(["ctest", "--test-dir", BUILD, "-L", a.labels, "-j2", "--stop-on-failure"], timeout=a.timeout)
                    verdict = "killed" if t.returncode != 0 else "survived"
                except subprocess.TimeoutExpired:
                    verdict = "killed"  # a hang is noticed too (ctest's own timeouts)
        finally:
            restore()
        if verdict == "survived" and i in equivalent:
            verdict = "equivalent"
        counts[verdict] += 1
        path, ln, col, _, name, _ = site
        rows.append(f"| {i} | `{path}:{ln + 1}` | {name} | {verdict} | {equivalent.get(i, '')} |")
        print(rows[-1], flush=True)
    run(["cmake", "--build", BUILD, "--target", *targets])  # leave the build matching the source

    scored = counts["killed"] + counts["survived"]
    print("\n| id | site | operator | verdict | why equivalent |\n|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\nkilled {counts['killed']}, survived {counts['survived']}, equivalent {counts['equivalent']}, "
          f"stillborn {counts['stillborn']}; score {counts['killed']}/{scored}"
          + (f" = {100.0 * counts['killed'] / scored:.0f} %" if scored else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
