#!/usr/bin/env python3
"""Runs the same recommendations and question flows with two giftwise builds on one catalog and
reports any difference in their outputs (lists, counts, labels, relaxations, questions).

    python3 Benchmarks/compare_builds.py OLD_GIFTWISE NEW_GIFTWISE CATALOG.sqlite

Meant for large generated catalogs (Benchmarks/generate_catalog.py), where counts reach the cap
and relaxations search many changes; `contract_outputs.sh` covers the default catalog. The cases
are fixed (deterministic): tight and loose budgets, purposes, several and unknown interests,
exclusions, and piped `ask` sessions with follow-up questions.
"""
import difflib
import itertools
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

AGES = ["0.5", "2", "4", "6", "7", "9", "12", "16", "35", "70"]
INTERESTS = [
    ["dinosaurs"], ["trains"], ["drawing"], ["coffee"], ["gardening"], ["board games", "puzzles"],
    ["dinosaurs", "drawing"], ["scuba diving"], ["space", "science"], ["music"], ["lego"],
    ["k-pop"], ["famous buildings"], ["chess"], ["cooking", "baking"], [],
]
PURPOSES = [[], ["educational"], ["sporty"], ["crafty", "fun"]]
BUDGETS = [None, "3", "15", "30", "20-60", "200"]
EXCLUDES = [[], ["glitter"], ["dinosaur", "puzzle"]]


def recommend_cases():
    cases = []
    # A fixed, spread-out selection of the cross product (every interest set with several
    # ages, purposes, budgets and exclusions).
    for index, (interests, age) in enumerate(itertools.product(INTERESTS, AGES)):
        if index % 3:
            continue
        purposes = PURPOSES[index % len(PURPOSES)]
        budget = BUDGETS[index % len(BUDGETS)]
        exclude = EXCLUDES[index % len(EXCLUDES)]
        args = ["recommend", "--age", age, "--format", "json", "--limit", str(3 + index % 8)]
        for interest in interests:
            args += ["--interest", interest]
        for purpose in purposes:
            args += ["--purpose", purpose]
        if budget:
            args += ["--budget", budget]
        for word in exclude:
            args += ["--exclude", word]
        cases.append(args)
    # Nothing fits: relaxations.
    cases.append(["recommend", "--age", "6", "--interest", "dinosaurs", "--purpose", "sporty", "--budget", "3",
                  "--format", "json"])
    cases.append(["recommend", "--age", "7", "--interest", "dinosaurs", "--interest", "drawing", "--purpose",
                  "educational", "--budget", "2", "--format", "json"])
    cases.append(["recommend", "--age", "40", "--interest", "trains", "--budget", "5", "--budget-min", "4",
                  "--format", "json"])
    return cases


ASK_SESSIONS = [
    ["7", "dinosaurs, drawing", "educational", "40", "", "", "", "done"],
    ["7", "dinosaurs, drawing", "educational", "40", "1", "1", "1", "done", "cheaper", "more like 2", "not 1"],
    ["4", "trains", "fun", "40", "2", "2", "done"],
    ["12", "board games, puzzles", "skip", "50", "1", "2", "1", "done"],
    ["35", "coffee", "skip", "skip", "1", "1", "done"],
    ["6", "dinosaurs", "sporty", "3", "done"],
]


def run(binary, args, db, stdin=None):
    result = subprocess.run([binary, *args, "--db", db], input=stdin, capture_output=True, text=True,
                            env={"NO_COLOR": "1", "COLUMNS": "100", "PATH": "/usr/bin:/bin"})
    return f"[exit {result.returncode}]\n{result.stdout}{result.stderr}"


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    old, new, db = sys.argv[1:]
    jobs = [(args, None) for args in recommend_cases()]
    jobs += [(["ask"], "\n".join(answers) + "\n") for answers in ASK_SESSIONS]
    differences = 0
    # Each build runs on its own copy of the catalog: an `ask` session may save a recipient,
    # which the next session (and the other build) would otherwise see.
    work = tempfile.mkdtemp(prefix="compare-builds-")
    copies = []
    for name in ("old", "new"):
        copy = os.path.join(work, name + ".sqlite")
        with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        copies.append(copy)
    old_db, new_db = copies
    for args, stdin in jobs:
        before = run(old, args, old_db, stdin)
        after = run(new, args, new_db, stdin)
        if before != after:
            differences += 1
            print("DIFFERS:", " ".join(args), repr(stdin) if stdin else "")
            for line in difflib.unified_diff(before.splitlines(), after.splitlines(), "old", "new", lineterm="", n=1):
                print("   ", line)
    shutil.rmtree(work)
    print(f"{len(jobs)} cases, {differences} differ")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
