#!/usr/bin/env python3
"""Which answers two builds give differently on real catalogs: each build on its own import.

Usage: Benchmarks/compare_answers.py OLD_BINARY NEW_BINARY OLD_DB=NEW_DB[,OLD_DB=NEW_DB...] "wish|wish|..."

Each pair is one catalog imported by each build (tags are read at import, so a build is compared
on the catalog it imported itself). For every wish, at ages 6 and 10, it runs `recommend --format
json` with both and prints the answers whose fit, good-match count or list differ, then how many
of all differ. Reading the lists that differ is the point: a count says nothing about whether
the new list is better.
"""
import json, subprocess, sys

if len(sys.argv) != 5:
    sys.exit(__doc__)
old, new = sys.argv[1], sys.argv[2]
pairs = [pair.split("=") for pair in sys.argv[3].split(",")]
wishes = sys.argv[4].split("|")
differ = total = 0
for old_db, new_db in pairs:
    for wish in wishes:
        for age in ("6", "10"):
            answers = []
            for binary, db in ((old, old_db), (new, new_db)):
                out = subprocess.run([binary, "recommend", "--db", db, "--age", age, "--interest", wish, "--format", "json"],
                                     capture_output=True, text=True, check=True)
                answer = json.loads(out.stdout)
                answers.append((answer["fit"], answer["goodMatches"], [item["id"] for item in answer["recommendations"]]))
            total += 1
            if answers[0] != answers[1]:
                differ += 1
                same = "same" if answers[0][2] == answers[1][2] else "differ"
                print(f"{new_db} {wish!r} age {age}: {answers[0][0]} {answers[0][1]} -> {answers[1][0]} {answers[1][1]}; lists {same}")
print(f"{differ} of {total} differ")
