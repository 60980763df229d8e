#!/usr/bin/env python3
"""Precision@5 of `giftwise recommend` on real catalogs, judged by labels Giftwise never sees, next to
a plain BM25 baseline over the same imported catalog and the same hard limits.

Usage: Benchmarks/precision.py [--only amazon|lego] [--binary PATH] [--data DIR]
  DIR holds the real-world files (default ../shared/data/realworld from the repository):
  - amazon_uk_toys_subset_10_total_863.csv: PromptCloud's Amazon UK toys sample (CC BY-SA 4.0),
    imported with names, descriptions and ages only; judged by the retailer's category path.
  - lego_sets_brickset.csv: Brickset's LEGO sets, imported with set names, prices and minimum ages
    only (no theme, subtheme or description: the product never sees the judging labels); judged
    by Brickset's theme and subtheme.

A recommendation counts as relevant when the label text contains one of the words listed for the
query. Queries are what a person might type about a child's interests; no budget, limit 5. The
baseline is FTS5 bm25 (name weighted 10, description 1) over the query's words, OR-ed, after the
same age and stock limits — what a plain full-text search box would return.
"""
import argparse, csv, json, os, sqlite3, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--only", choices=["amazon", "lego"])
parser.add_argument("--binary", default=os.path.join(here, "..", ".build", "debug", "giftwise"))
parser.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data", "realworld"))
parser.add_argument("--quiet", action="store_true", help="only the summary lines")
args = parser.parse_args()

AMAZON_QUERIES = [
    ("jigsaw puzzles", ["jigsaw", "puzzle"]), ("chess", ["chess"]), ("dolls", ["doll"]), ("card games", ["card game", "casino"]),
    ("puppets", ["puppet"]), ("dinosaurs", ["dinosaur"]), ("trains", ["train", "railway", "thomas"]), ("beach", ["beach"]),
    ("colouring", ["colouring", "pencil", "marker", "crayola", "pens"]), ("dice games", ["dice"]),
    ("brain teasers", ["brain teaser", "puzzle"]), ("knights", ["knight", "castle"]), ("pirates", ["pirate"]),
    ("star wars", ["star wars"]), ("harry potter", ["harry potter"]), ("toy cars", ["vehicle", "die-cast", "car"]),
    ("costumes", ["costume", "fancy dress"]), ("stickers", ["sticker", "paper"]), ("farm animals", ["farm"]),
    ("party", ["party"]), ("model kits", ["model building", "model kit", "kits"]), ("darts", ["dart"]),
    ("magic tricks", ["magic"]), ("slot cars", ["slot car", "race track"]), ("science", ["science", "educational"]),
]

LEGO_QUERIES = [
    ("firefighters", ["fire"]), ("police", ["police"]), ("famous buildings", ["architecture"]),
    ("lord of the rings", ["lord of the rings", "hobbit"]), ("super mario", ["super mario"]), ("star wars", ["star wars"]),
    ("harry potter", ["harry potter", "fantastic beasts"]), ("trains", ["train"]), ("space", ["space"]),
    ("dinosaurs", ["jurassic", "dino"]), ("pirates", ["pirate"]), ("knights and castles", ["castle", "knight"]),
    ("ninjas", ["ninja"]), ("racing cars", ["racers", "speed champions", "race", "cars"]), ("superheroes", ["super heroes", "batman", "marvel", "dc comics"]),
    ("batman", ["batman"]), ("minecraft", ["minecraft"]), ("farm", ["farm"]), ("robots", ["mindstorms", "robot", "powered up", "boost"]),
    ("christmas", ["christmas", "seasonal", "winter"]), ("horses", ["horse"]), ("airport", ["airport", "plane", "aviation"]),
    ("construction", ["construction"]), ("princesses", ["princess"]),
]


def amazon(data, folder):
    source = os.path.join(data, "amazon_uk_toys_subset_10_total_863.csv")
    rows = {r["product_id"]: r for r in csv.DictReader(open(source, newline="", encoding="utf-8"))}
    label = {k: " > ".join(x for x in [r["category"], r["subcategory_1"], r["subcategory_2"], r["subcategory_3"], r["subcategory_4"]] if x).lower()
             for k, r in rows.items()}
    db = os.path.join(folder, "amazon.sqlite")
    subprocess.run([args.binary, "catalog", "import", source, "--db", db, "--skip-invalid", "--map", "id=product_id",
                    "--map", "name=product_name", "--map", "description=product_description",
                    "--map", "age=product_information"], check=True, capture_output=True)
    return db, label, AMAZON_QUERIES, 8


def lego(data, folder):
    source = os.path.join(data, "lego_sets_brickset.csv")
    rows = list(csv.DictReader(open(source, newline="", encoding="utf-8-sig")))
    label = {r["set_id"]: (r["theme"] + " > " + r["subtheme"]).lower() for r in rows}
    # Names only: the theme, subtheme, category and theme group never reach Giftwise.
    names = os.path.join(folder, "lego_names.csv")
    with open(names, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "price", "age_min"])
        for r in rows:
            writer.writerow([r["set_id"], r["name"], r["US_retailPrice"], r["agerange_min"]])
    db = os.path.join(folder, "lego.sqlite")
    subprocess.run([args.binary, "catalog", "import", names, "--db", db, "--skip-invalid"], check=True, capture_output=True)
    return db, label, LEGO_QUERIES, 10


def baseline(db, query, age_years):
    """Plain BM25 over name + description, the query's words OR-ed, after the age and stock limits."""
    words = ["\"" + w + "\"" for w in "".join(c if c.isalnum() else " " for c in query.lower()).split()]
    months = age_years * 12
    con = sqlite3.connect(db)
    sql = """SELECT p.id FROM product_fts JOIN product p ON p.pk = product_fts.rowid
             WHERE product_fts MATCH ? AND p.in_stock = 1
               AND (p.age_min_months IS NULL OR p.age_min_months <= ?)
               AND (p.age_max_months IS NULL OR ? < p.age_max_months + CASE WHEN p.age_max_months % 12 = 0 THEN 12 ELSE 1 END)
             ORDER BY bm25(product_fts, 10.0, 1.0, 0.0), p.id LIMIT 5"""
    ids = [r[0] for r in con.execute(sql, ["{name description} : (" + " OR ".join(words) + ")", months, months])]
    con.close()
    return ids


def measure(name, setup):
    with tempfile.TemporaryDirectory() as folder:
        db, label, queries, age = setup(args.data, folder)
        hits = total = base_hits = base_total = 0
        if not args.quiet:
            print(f"== {name} (age {age}, no budget, limit 5)")
            print(f"{'query':20} {'fit':8} giftwise  bm25")
        for query, words in queries:
            out = subprocess.run([args.binary, "recommend", "--db", db, "--age", str(age), "--interest", query, "--format", "json"],
                                 capture_output=True, text=True, check=True)
            result = json.loads(out.stdout)
            ids = [item["id"] for item in result["recommendations"]]
            relevant = sum(any(w in label[i] for w in words) for i in ids)
            base = baseline(db, query, age)
            base_relevant = sum(any(w in label[i] for w in words) for i in base)
            hits += relevant; total += len(ids); base_hits += base_relevant; base_total += len(base)
            if not args.quiet:
                print(f"{query:20} {result['fit']:8} {relevant}/{len(ids)}       {base_relevant}/{len(base)}")
        print(f"{name}: giftwise precision@5 = {hits}/{total} = {hits / max(total, 1):.2f}   "
              f"bm25 baseline = {base_hits}/{base_total} = {base_hits / max(base_total, 1):.2f}")


if args.only in (None, "amazon"):
    measure("amazon", amazon)
if args.only in (None, "lego"):
    measure("lego", lego)
