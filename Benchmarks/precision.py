#!/usr/bin/env python3
"""Precision@5 of `giftwise recommend` on a real retailer catalog, judged by the retailer's own
category labels (which Giftwise never sees: it imports names, descriptions, prices and ages only).

Usage: Benchmarks/precision.py AMAZON_CSV [GIFTWISE_BINARY]
  AMAZON_CSV: amazon_uk_toys_subset_10_total_863.csv (shared/data/realworld in this project's
  workspace; PromptCloud's Amazon UK toys sample, CC BY-SA 4.0).

A recommendation counts as relevant when the product's category path (category > subcategory_1..4)
contains one of the words listed for the query. Queries are what a person might type about a
child's interests; age 8, no budget, limit 5.
"""
import csv, json, os, subprocess, sys, tempfile

source = sys.argv[1]
binary = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "giftwise")
rows = {r["product_id"]: r for r in csv.DictReader(open(source, newline="", encoding="utf-8"))}

def path(row):
    return " > ".join(x for x in [row["category"], row["subcategory_1"], row["subcategory_2"], row["subcategory_3"], row["subcategory_4"]] if x).lower()

QUERIES = [
    ("jigsaw puzzles", ["jigsaw", "puzzle"]), ("chess", ["chess"]), ("dolls", ["doll"]), ("card games", ["card game", "casino"]),
    ("puppets", ["puppet"]), ("dinosaurs", ["dinosaur"]), ("trains", ["train", "railway", "thomas"]), ("beach", ["beach"]),
    ("colouring", ["colouring", "pencil", "marker", "crayola", "pens"]), ("dice games", ["dice"]),
    ("brain teasers", ["brain teaser", "puzzle"]), ("knights", ["knight", "castle"]), ("pirates", ["pirate"]),
    ("star wars", ["star wars"]), ("harry potter", ["harry potter"]), ("toy cars", ["vehicle", "die-cast", "car"]),
    ("costumes", ["costume", "fancy dress"]), ("stickers", ["sticker", "paper"]), ("farm animals", ["farm"]),
    ("party", ["party"]), ("model kits", ["model building", "model kit", "kits"]), ("darts", ["dart"]),
    ("magic tricks", ["magic"]), ("slot cars", ["slot car", "race track"]), ("science", ["science", "educational"]),
]

with tempfile.TemporaryDirectory() as folder:
    db = os.path.join(folder, "amazon.sqlite")
    subprocess.run([binary, "catalog", "import", source, "--db", db, "--skip-invalid", "--map", "id=product_id",
                    "--map", "name=product_name", "--map", "description=product_description",
                    "--map", "age=product_information"], check=True, capture_output=True)
    hits = total = 0
    for query, words in QUERIES:
        out = subprocess.run([binary, "recommend", "--db", db, "--age", "8", "--interest", query, "--format", "json"],
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout)
        relevant = sum(any(w in path(rows[item["id"]]) for w in words) for item in result["recommendations"])
        hits += relevant
        total += len(result["recommendations"])
        print(f"{query:16} {result['fit']:8} {relevant}/{len(result['recommendations'])}")
    print(f"precision@5 = {hits}/{total} = {hits / total:.2f}")
