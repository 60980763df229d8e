#!/usr/bin/env python3
"""Deterministic synthetic catalogs for benchmarks: skewed interests, realistic ages and prices.

Usage: generate_catalog.py ROWS OUT.csv [--seed N]
"""
import csv, json, math, os, random, sys

def main():
    rows = int(sys.argv[1]); out = sys.argv[2]
    seed = int(sys.argv[sys.argv.index('--seed') + 1]) if '--seed' in sys.argv else 42
    rnd = random.Random(seed)
    here = os.path.dirname(os.path.abspath(__file__))
    taxonomy = json.load(open(os.path.join(here, '..', 'catalog', 'interests.json')))
    ids = [t['id'] for t in taxonomy]
    # Zipf-like skew: a few interests are very common, most are rare.
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(ids))]
    nouns = ['Kit', 'Set', 'Book', 'Game', 'Puzzle', 'Toy', 'Starter Pack', 'Collection', 'Journal', 'Model']
    adjectives = ['Deluxe', 'Mini', 'Classic', 'Wooden', 'Travel', 'Glow', 'Magnetic', 'Pocket', 'Giant', 'Junior']
    bands = [(0, 2), (1, 3), (3, 5), (3, 8), (5, 10), (6, 9), (8, 12), (8, None), (10, 14), (12, None), (13, 17), (14, None), (18, None), (60, None)]
    purposes = ['educational', 'crafty', 'sporty', 'fun']
    with open(out, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'name', 'description', 'price', 'currency', 'age_min', 'age_max', 'interests', 'purposes', 'url', 'in_stock'])
        for i in range(rows):
            tags = []
            for _ in range(rnd.choice([1, 1, 2, 2, 3])):
                t = rnd.choices(ids, weights)[0]
                if t not in tags: tags.append(t)
            label = next(x['label'] for x in taxonomy if x['id'] == tags[0]) if i < 0 else tags[0].replace('-', ' ')
            name = f"{rnd.choice(adjectives)} {label.title()} {rnd.choice(nouns)} No. {i}"
            desc = f"A {rnd.choice(adjectives).lower()} {rnd.choice(nouns).lower()} about {', '.join(t.replace('-', ' ') for t in tags)} with {rnd.randint(2, 500)} pieces."
            price = round(math.exp(rnd.gauss(3.2, 0.8)), 2)
            price = min(max(price, 3.0), 900.0)
            lo, hi = rnd.choice(bands)
            ps = '|'.join(sorted(set(rnd.choices(purposes, k=rnd.choice([1, 2])))))
            w.writerow([f'sku-{i:07d}', name, desc, f'{price:.2f}', 'USD', lo, '' if hi is None else hi, '|'.join(tags), ps, '', 'true' if rnd.random() > 0.03 else 'false'])

main()
