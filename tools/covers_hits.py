#!/usr/bin/env python3
"""Which real products hold each of the taxonomy's `covers` names: the check to run before adding one.

Usage: tools/covers_hits.py [--data DIR] [--show N] [INTEREST_OR_PHRASE ...]

For every other name listed under `covers` in catalog/interests.json (or only those of the interests
named, or the phrases given), prints how many product names in the real exports hold it, its words
together and in order, folded as Giftwise folds text (case, accents, apostrophes, light plurals:
`TextNormalizer`), per file, and the first N of those names, then up to two descriptions that hold it
(Amazon sample only). Read the names: when many are not that thing ("tarantula" was two drones,
"pontoon" two LEGO planes, "head lamp" a Batman-head lamp), drop the name or make it longer.

DIR (default ../shared/data/realworld beside the repository) holds the exports described in its
README: the Amazon UK 863 sample (name + description), the Amazon UK 10k listing (names), Brickset's
LEGO sets and BoardGameGeek's games (names).
"""
import argparse, csv, json, os, re, unicodedata

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data", "realworld"))
parser.add_argument("--show", type=int, default=4)
parser.add_argument("only", nargs="*")
args = parser.parse_args()


def fold(word):
    """`TextNormalizer.fold`: "puzzles" -> "puzzle", "hobbies" -> "hobby", "glass" stays."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("quizzes"):
        return word[:-3]
    if word.endswith("sses") or word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    return word[:-1]


def tokens(text):
    text = unicodedata.normalize("NFKD", text.replace("'", "").replace("\u2019", "").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return [fold(w) for w in re.findall(r"[^\W_]+", text)]


def holds(words, phrase):
    n = len(phrase)
    return any(words[i:i + n] == phrase for i in range(len(words) - n + 1))


def products():
    """(source, name, description) of every product in the exports."""
    def rows(name, **kw):
        path = os.path.join(args.data, name)
        return csv.DictReader(open(path, encoding="utf-8-sig", newline=""), **kw) if os.path.exists(path) else []
    for row in rows("amazon_uk_toys_subset_10_total_863.csv"):
        yield "amazon863", row["product_name"], row["product_description"] or ""
    for row in rows("amazon_uk_toys_10k_rawprice_nocategory.csv"):
        yield "amazon10k", row["product_name"], ""
    for row in rows("lego_sets_brickset.csv"):
        yield "lego", row["name"], ""
    for row in rows("bgg_dataset.csv", delimiter=";"):
        yield "bgg", row["Name"], ""


taxonomy = json.load(open(os.path.join(here, "..", "catalog", "interests.json"), encoding="utf-8"))
ids = {interest["id"] for interest in taxonomy}
phrases = []
for interest in taxonomy:
    if args.only and interest["id"] not in args.only:
        continue
    for names in interest.get("covers", {}).values():
        phrases += [name for name in names if name not in phrases]
phrases += [p for p in args.only if p not in ids]

catalog = [(source, name, tokens(name), description, tokens(description)) for source, name, description in products()]
for phrase in phrases:
    words = tokens(phrase)
    in_name = [row for row in catalog if holds(row[2], words)]
    in_description = [row for row in catalog if row[3] and not holds(row[2], words) and holds(row[4], words)]
    counts = {}
    for row in in_name:
        counts[row[0]] = counts.get(row[0], 0) + 1
    print(f"{phrase!r}: names {len(in_name)} {counts}, descriptions only {len(in_description)}")
    for row in in_name[: args.show]:
        print(f"    {row[0]:9} {row[1][:100]}")
    for row in in_description[:2]:
        print(f"    {row[0]:9} {row[1][:60]} (description)")
