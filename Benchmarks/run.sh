#!/usr/bin/env bash
# Giftwise benchmarks, side by side with the sqlite3 shell doing the plain version of the same work.
# Usage: Benchmarks/run.sh [ROWS...]   (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(10000 100000 1000000); fi
need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
command -v bc >/dev/null || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}"; fi
work=${BENCH_DIR:-/tmp/giftwise-bench}
mkdir -p "$work"
# Release build with the Swift runtime linked in (as the README recommends for installing):
# a process then starts in ~5 ms instead of ~10 ms.
build=(swift build -c release --static-swift-stdlib --scratch-path .build-static)
if ! (cd .. && "${build[@]}" --product giftwise && "${build[@]}" --product giftwise-bench) > "$work/build.log" 2>&1; then
  cat "$work/build.log"; echo "benchmark build failed" >&2; exit 1
fi
bin=$(cd .. && "${build[@]}" --show-bin-path)
giftwise=$bin/giftwise
bench=$bin/giftwise-bench
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(sqlite3 --version | cut -d' ' -f1-2)"
for rows in "${sizes[@]}"; do
  csv="$work/catalog-$rows.csv"
  [ -f "$csv" ] || python3 generate_catalog.py "$rows" "$csv" --seed 42
  echo "== $rows products ($(du -h "$csv" | cut -f1))"
  # Reference: sqlite3 .import into a plain table + FTS5 rebuild of the same columns.
  # Wall time and CPU time (user + sys) are both shown: on a shared machine the CPU ratio is
  # the steadier figure, the wall ratio the one a user feels (giftwise parses on a second core).
  ref="$work/ref-$rows.sqlite"; rm -f "$ref"*
  /usr/bin/time -f "%e %U %S" -o "$work/time-ref.txt" sqlite3 "$ref" <<SQL
.mode csv
.import $csv product
CREATE VIRTUAL TABLE product_fts USING fts5(name, description, interests, content='product', tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO product_fts(product_fts) VALUES('rebuild');
SQL
  read -r ref_import ref_user ref_sys < "$work/time-ref.txt"
  db="$work/giftwise-$rows.sqlite"; rm -f "$db"*
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$giftwise" catalog import "$csv" --db "$db" >/dev/null
  read -r gw_import gw_rss gw_user gw_sys < "$work/time.txt"
  ref_cpu=$(echo "$ref_user + $ref_sys" | bc -l); gw_cpu=$(echo "$gw_user + $gw_sys" | bc -l)
  printf 'import: giftwise %.2f s wall, %.2f s CPU (peak %d MB)   sqlite3 reference %.2f s wall, %.2f s CPU   ratio %.2fx wall, %.2fx CPU\n' \
    "$gw_import" "$gw_cpu" $((gw_rss / 1024)) "$ref_import" "$ref_cpu" "$(echo "$gw_import / $ref_import" | bc -l)" "$(echo "$gw_cpu / $ref_cpu" | bc -l)"
  # Whole-process recommend vs one naive FTS5 MATCH + age/price query in the sqlite3 shell.
  q="SELECT p.rowid, p.name FROM product_fts JOIN product p ON p.rowid = product_fts.rowid WHERE product_fts MATCH 'dinosaurs' AND CAST(p.age_min AS REAL) <= 7 AND (p.age_max = '' OR CAST(p.age_max AS REAL) >= 7) AND CAST(p.price AS REAL) <= 30 LIMIT 5;"
  t0=$(date +%s.%N); for _ in 1 2 3 4 5; do sqlite3 "$ref" "$q" >/dev/null; done; ref_q=$(echo "($(date +%s.%N) - $t0) / 5" | bc -l)
  t0=$(date +%s.%N); for _ in 1 2 3 4 5; do "$giftwise" recommend --db "$db" --age 7 --interest dinosaurs --budget 30 --format json >/dev/null; done; gw_q=$(echo "($(date +%s.%N) - $t0) / 5" | bc -l)
  printf 'recommend process: giftwise %.3f s   sqlite3 naive query %.3f s   ratio %.2fx\n' "$gw_q" "$ref_q" "$(echo "$gw_q / $ref_q" | bc -l)"
  # In-process recommend / flow / relaxations / count. To see where one measurement's SQL time
  # goes: BENCH_ONLY=flow BENCH_TRACE=20 "$bench" "$db" (statements by time, via SQLite's trace).
  "$bench" "$db" 30
done
