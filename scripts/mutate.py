#!/usr/bin/env python3
"""Mutation testing of the reference library: plants one small fault at a time in
reference/include/nullity/ and asks whether the unit and property tests notice.

Operators: relational operators (< <=, > >=, == !=), +1/-1, min/max, leftCols/rightCols,
topRows/bottomRows, && ||, a dropped .transpose(), a dropped abs(). The sites are enumerated in a
fixed order (their ids hold while reference/include is unchanged) and sampled with a seed.

By default the sampled mutants are built once, as mutant schemata: each sampled site is rewritten
into code that behaves as the original unless the environment variable NULLITY_MUTANT holds its
id (helpers: scripts/mutation/nullity_mutation.hpp, injected with -include). The programs of
build/mutate are built once, the headers are restored, the labels must pass with no mutant
selected (else a schema changed the code's meaning), and then they run once per mutant. A site
the schema cannot express (an && or || whose operands span lines) is "not applicable"; a site
whose schema does not compile is "stillborn" (the build is retried without it). With
--rebuild-each, each mutant is instead written into the source and the programs rebuilt (the
old way: about 15 minutes per mutant on two cores).

A mutant is killed when a test fails (or the run times out), survived otherwise. Survivors are
classified by hand: list the equivalent ones, with the reason, in scripts/mutants_equivalent.txt
("<id> <reason>"); the score counts killed / (killed + survived), equivalent ones left out.

    scripts/mutate.py --list                          # every site, with its id
    scripts/mutate.py --sample 80 --seed 1            # 80 mutants; a Markdown table on stdout
    scripts/mutate.py --sample 80 --seed 1 --rerun-survivors   # after adding tests
    scripts/mutate.py --ids 12 40 --labels quick      # chosen mutants, one label

Not part of CI.
"""
import argparse
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADERS = os.path.join(ROOT, "reference", "include", "nullity")
BUILD = os.path.join(ROOT, "build", "mutate")
HELPERS = os.path.join(ROOT, "scripts", "mutation", "nullity_mutation.hpp")
sys.path.insert(0, os.path.join(ROOT, "scripts", "mutation"))
from schema import schema_text  # noqa: E402

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
                        out.append((os.path.relpath(path, ROOT), ln, m.start(), m.end(), name, repl, m.group(0)))
    return out


def mutate(site):
    path, ln, start, end, _, repl, _ = site
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
    listing = run(["ctest", "--test-dir", BUILD, "-L", labels, "--show-only=json-v1"]).stdout
    targets = set()
    for t in json.loads(listing).get("tests", []):
        cmd = t.get("command") or []
        if cmd:
            targets.add(os.path.basename(cmd[0]))
    return sorted(targets)


def configure(schema):
    # The ci preset's flags, without what the tests do not need; in schema mode the helpers are
    # injected into every translation unit, and warnings are not errors (the rewritten
    # comparisons warn about parentheses and signedness where the originals did not).
    flags = [f"-DCMAKE_CXX_FLAGS=-include {HELPERS} -Wno-parentheses", "-DNULLITY_WERROR=OFF"] if schema else ["-DCMAKE_CXX_FLAGS=", "-DNULLITY_WERROR=ON"]
    run(["cmake", "-S", ROOT, "-B", BUILD, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", *flags,
         "-DNULLITY_BUILD_PYTHON=OFF", "-DNULLITY_BUILD_BENCHMARKS=OFF", "-DNULLITY_BUILD_EXAMPLES=OFF",
         "-DNULLITY_MULTIPRECISION_TESTS=OFF"])


def guarded_headers():
    """Every header's text, and handlers that put them back on SIGINT/SIGTERM."""
    originals = {}
    for dirpath, _, files in os.walk(HEADERS):
        for f in files:
            path = os.path.join(dirpath, f)
            with open(path, encoding="utf-8") as fh:
                originals[path] = fh.read()

    def restore(*_):
        for path, text in originals.items():
            with open(path, encoding="utf-8") as fh:
                if fh.read() == text:
                    continue
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)

    def interrupted(signum, _):
        restore()
        sys.exit(128 + signum)
    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    return originals, restore


def headers_digest():
    h = hashlib.sha256()
    for dirpath, _, files in sorted(os.walk(HEADERS)):
        for f in sorted(files):
            with open(os.path.join(dirpath, f), "rb") as fh:
                h.update(f.encode() + fh.read())
    return h.hexdigest()


def culprits(output, chosen, all_sites):
    """The sampled sites a failed build blames: for each error, the innermost place that is a
    nullity header line holding sampled sites, or a helper instantiated with ID = <id>."""
    lines_of = {}
    for i in chosen:
        lines_of.setdefault((all_sites[i][0], all_sites[i][1] + 1), []).append(i)
    blamed, chain = set(), []
    for line in output.split("\n"):
        if "In instantiation of" in line or "required from" in line:
            chain.append(line)
        if "warning:" in line:
            chain = []
        if "error:" not in line:
            continue
        # Innermost first: the error's own place, the instantiation it is in, then outwards.
        for b in [line] + chain:
            m = re.search(r"ID = (\d+)", b)
            if m and int(m.group(1)) in chosen:
                blamed.add(int(m.group(1)))
                break
            m = re.search(r"(reference/include/nullity/[\w/]+\.hpp):(\d+):", b)
            if m and (m.group(1), int(m.group(2))) in lines_of:
                blamed.update(lines_of[(m.group(1), int(m.group(2)))])
                break
        chain = []
    return blamed


def build_schema(chosen, all_sites, restore, left_out):
    """Builds every sampled site into one set of programs; returns {id: why} for the sites
    left out (not applicable to a schema, or stillborn: the schema does not compile), starting
    from those already known."""
    left_out = dict(left_out)
    while True:
        live = [i for i in chosen if i not in left_out]
        by_file = {}
        for i in live:
            by_file.setdefault(all_sites[i][0], []).append((i, all_sites[i]))
        try:
            for path, group in by_file.items():
                full = os.path.join(ROOT, path)
                with open(full, encoding="utf-8") as fh:
                    text, not_applicable = schema_text(fh.read(), group)
                left_out.update({i: "not applicable: " + why for i, why in not_applicable.items()})
                with open(full, "w", encoding="utf-8") as fh:
                    fh.write(text)
            b = run(["nice", "-n", "10", "cmake", "--build", BUILD, "-j2", "--", "-k", "0"])
        finally:
            restore()
        if b.returncode == 0:
            return left_out
        blamed = culprits(b.stdout, set(live), all_sites)
        if not blamed:
            sys.exit("mutate.py: the schema build fails, and no sampled site is to blame:\n" + b.stdout[-5000:])
        print(f"stillborn (schema does not compile), rebuilding without: {sorted(blamed)}", flush=True)
        left_out.update({i: "stillborn: the schema does not compile" for i in blamed})


def ctest(labels, timeout, mutant=None):
    env = {k: v for k, v in os.environ.items() if k != "NULLITY_MUTANT"}
    if mutant is not None:
        env["NULLITY_MUTANT"] = str(mutant)
    try:
        return subprocess.run(["ctest", "--test-dir", BUILD, "-L", labels, "-j2", "--stop-on-failure",
                               "--timeout", "300"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        return "timeout"  # a hang is noticed too


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ids", type=int, nargs="*", default=[])
    ap.add_argument("--labels", default="quick|property")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per mutant's test run")
    ap.add_argument("--rerun-survivors", action="store_true",
                    help="run only the mutants the last run of this sample did not kill (schema mode)")
    ap.add_argument("--rebuild-each", action="store_true",
                    help="write each mutant into the source and rebuild (slow; the default builds one schema)")
    a = ap.parse_args()

    all_sites = sites()
    if a.list:
        for i, (path, ln, col, _, name, _, _) in enumerate(all_sites):
            print(f"{i}\t{path}:{ln + 1}:{col + 1}\t{name}")
        return 0
    chosen = a.ids or sorted(random.Random(a.seed).sample(range(len(all_sites)), min(a.sample, len(all_sites))))
    if not chosen:
        ap.error("nothing to do: --list, --sample N or --ids ...")

    equivalent = {}
    eq_file = os.path.join(ROOT, "scripts", "mutants_equivalent.txt")
    if os.path.exists(eq_file):
        with open(eq_file, encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and not line.startswith("#"):
                    k, _, why = line.strip().partition(" ")
                    equivalent[int(k)] = why

    t0 = time.time()
    configure(schema=not a.rebuild_each)
    _, restore = guarded_headers()
    verdicts = {}
    if a.rebuild_each:
        # Everything once (the tests are discovered from the built programs), then per mutant only
        # the programs behind the chosen labels.
        baseline = run(["cmake", "--build", BUILD])
        if baseline.returncode != 0:
            sys.exit("mutate.py: the unmutated build fails:\n" + baseline.stdout[-3000:])
        targets = test_targets(a.labels)
        if not targets:
            sys.exit(f"mutate.py: no tests carry the labels {a.labels}")
        for i in chosen:
            mutate(all_sites[i])
            try:
                built = run(["cmake", "--build", BUILD, "--target", *targets]).returncode == 0
                verdicts[i] = "stillborn" if not built else ("survived" if ctest(a.labels, a.timeout) == 0 else "killed")
            finally:
                restore()
            print(i, verdicts[i], flush=True)
        run(["cmake", "--build", BUILD, "--target", *targets])  # leave the build matching the source
    else:
        # A mutant the suite killed stays killed when tests are added: --rerun-survivors keeps the
        # killed verdicts (and the sites left out) of the last run of the same sample on the same
        # headers.
        state = os.path.join(BUILD, "mutate_verdicts.json")
        key = [chosen, a.labels, headers_digest()]
        previous = {}
        if a.rerun_survivors and os.path.exists(state):
            with open(state, encoding="utf-8") as fh:
                saved = json.load(fh)
            if saved["key"] == key:
                previous = {int(k): v for k, v in saved["verdicts"].items() if v != "survived"}
        left_out = build_schema(chosen, all_sites, restore,
                                {i: v for i, v in previous.items() if v.startswith(("stillborn", "not applicable"))})
        print(f"built in {time.time() - t0:.0f} s; left out: {left_out}", flush=True)
        # With no mutant selected every schema must behave as the original code.
        if ctest(a.labels, a.timeout) != 0:
            sys.exit("mutate.py: the tests fail with no mutant selected: a schema changed the code's meaning")
        for i in chosen:
            if i in left_out:
                verdicts[i] = left_out[i]
            elif previous.get(i) == "killed":
                verdicts[i] = "killed"
            else:
                verdicts[i] = "survived" if ctest(a.labels, a.timeout, mutant=i) == 0 else "killed"
            print(i, verdicts[i], "(kept from the last run)" if previous.get(i) == "killed" else "", flush=True)
        with open(state, "w", encoding="utf-8") as fh:
            json.dump({"key": key, "verdicts": verdicts}, fh)

    rows, counts = [], {"killed": 0, "survived": 0, "equivalent": 0, "stillborn": 0, "not applicable": 0}
    for i in chosen:
        verdict = verdicts[i]
        if verdict == "survived" and i in equivalent:
            verdict = "equivalent"
        counts[verdict.partition(":")[0]] += 1
        path, ln, _, _, name, _, _ = all_sites[i]
        rows.append(f"| {i} | `{path}:{ln + 1}` | {name} | {verdict} | {equivalent.get(i, '')} |")
    scored = counts["killed"] + counts["survived"]
    print("\n| id | site | operator | verdict | why equivalent |\n|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\nkilled {counts['killed']}, survived {counts['survived']}, equivalent {counts['equivalent']}, "
          f"stillborn {counts['stillborn']}, not applicable {counts['not applicable']}; score {counts['killed']}/{scored}"
          + (f" = {100.0 * counts['killed'] / scored:.0f} %" if scored else "") + f"; {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
