#!/usr/bin/env bash
# The semantic signal's costs: import with product vectors, in-process queries (semantic-bench),
# and the whole `giftwise recommend` process.
# Usage: Benchmarks/semantic.sh [ROWS...]   (default: 10000 100000)   BENCH_DIR=/tmp/gws to choose where files go
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(10000 100000); fi
work=${BENCH_DIR:-/tmp/giftwise-semantic-bench}
mkdir -p "$work"
build=(swift build -c release --static-swift-stdlib --scratch-path .build-static)
if ! (cd .. && "${build[@]}" --product giftwise && "${build[@]}" --product semantic-bench) > "$work/build.log" 2>&1; then
  cat "$work/build.log"; echo "benchmark build failed" >&2; exit 1
fi
bin=$(cd .. && "${build[@]}" --show-bin-path)
echo "giftwise binary: $(stat -c %s "$bin/giftwise") bytes"
for rows in "${sizes[@]}"; do
  csv="$work/catalog-$rows.csv"
  [ -f "$csv" ] || python3 generate_catalog.py "$rows" "$csv" --seed 42
  echo "== $rows products"
  db="$work/giftwise-$rows.sqlite"; rm -f "$db"*
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin/giftwise" catalog import "$csv" --db "$db" >/dev/null
  read -r seconds rss < "$work/time.txt"
  echo "import: $seconds s (peak $((rss / 1024)) MB)"
  t0=$(date +%s.%N); for _ in $(seq 20); do "$bin/giftwise" recommend --db "$db" --age 7 --interest dinosaurs --budget 30 --format json >/dev/null; done
  echo "recommend process: $(echo "($(date +%s.%N) - $t0) * 1000 / 20" | bc -l | xargs printf '%.1f') ms (mean of 20)"
  "$bin/semantic-bench" "$db" 30
done
