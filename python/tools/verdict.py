#!/usr/bin/env python3
"""The cross-library verdict: the conformance kit on every adapter (nullity.adapters), fixed seed,
--max-success cases per property. Writes the table (markdown) for docs/python.md, a JSON summary,
and every failure's reproducer (.npy X and y, .json) into --findings.

    PYTHONPATH=build/release/python python3 python/tools/verdict.py --max-success 200 \\
        --findings python/findings --table build/verdict.md
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np

import nullity
from nullity import adapters, conformance


def json_number(x):
    """JSON has no inf or NaN: those are written as strings."""
    return x if x is None or math.isfinite(x) else str(x)


def cell(r):
    if r.skipped:
        return "–"
    return "pass" if r.passed else "**FAIL**"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--max-success", type=int, default=200)
    p.add_argument("--seed", type=int, default=None, help="default: the kit's fixed seed")
    p.add_argument("--size", default="16x32")
    p.add_argument("--findings", default="python/findings")
    p.add_argument("--table", default="-")
    p.add_argument("--only", nargs="*", help="adapter names (library.routine) to run")
    p.add_argument("--guard-empty", action="store_true",
                   help="answer empty matrices for the routine (adapters.empty_guarded): looks past that failure")
    args = p.parse_args()
    rows, cols = (int(k) for k in args.size.split("x"))
    ids = [pid for pid, _, _ in conformance.properties()]
    lines = ["| library | routine | rule | " + " | ".join(ids) + " | worst passing ratio | failures | time |",
             "| --- | --- | --- | " + " | ".join("---" for _ in ids) + " | --- | --- | --- |"]
    details, summary = [], []
    total = time.time()
    for a in adapters.available():
        if args.only and a.name not in args.only:
            continue
        if args.guard_empty:
            a = adapters.empty_guarded(a)
        begin = time.time()
        report = conformance.check(**a.kit(), seed=args.seed, max_success=args.max_success, size=(rows, cols))
        seconds = time.time() - begin
        report.save_counterexamples(args.findings)
        rule = ("pivoted QR" if a.rule.pivoted_qr else "SVD") + ", rtol " + (
            "max(n,d)·ε" if a.rule.rtol is None else f"{a.rule.rtol:.3g}")
        lines.append(f"| {a.library} | `{a.routine}` | {rule} | " + " | ".join(cell(r) for r in report.results) +
                     f" | {report.worst_ratio:.3g} | {len(report.failures)} | {seconds:.0f} s |")
        summary.append({"library": a.library, "routine": a.routine, "documented": a.documented,
                        "seconds": round(seconds, 1), "cases": sum(r.cases for r in report.results if not r.skipped),
                        "properties_run": sum(not r.skipped for r in report.results),
                        "failures": [{"id": r.id, "property": r.property, "cases": r.cases,
                                      "ratio": json_number(r.counterexample.ratio if r.counterexample else None),
                                      "text": r.counterexample.text if r.counterexample else r.note}
                                     for r in report.failures]})
        for r in report.failures:
            c = r.counterexample
            details.append(f"#### {a.name} {r.id} {r.property}\n\n```\n{c.text.rstrip() if c else r.note}\n```\n")
        print(f"{a.name}: {len(report.failures)} failures, {seconds:.0f} s", file=sys.stderr, flush=True)
    lines.append("")
    lines.append(f"seed {args.seed if args.seed is not None else conformance.default_seed()}, "
                 f"{args.max_success} cases per property, matrices up to {rows}x{cols}; total {time.time() - total:.0f} s")
    text = "\n".join(lines) + "\n\n" + "\n".join(details)
    if args.table == "-":
        print(text)
    else:
        with open(args.table, "w") as f:
            f.write(text)
    os.makedirs(args.findings, exist_ok=True)
    with open(os.path.join(args.findings, "verdict.json"), "w") as f:
        json.dump({"seed": args.seed, "max_success": args.max_success, "size": [rows, cols],
                   "numpy": np.__version__, "adapters": summary}, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
