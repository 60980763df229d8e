#!/usr/bin/env bash
# Prints the outputs of a fixed set of contract commands (DESIGN §3–4) on a fresh default catalog,
# so two builds can be compared byte for byte:
#   Benchmarks/contract_outputs.sh path/to/giftwise > before.txt   (then again with the new build; diff)
set -uo pipefail
bin=${1:?usage: contract_outputs.sh GIFTWISE_BINARY}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export GIFTWISE_DB=$dir/catalog.sqlite NO_COLOR=1 COLUMNS=100
run() { echo "\$ giftwise $*"; "$bin" "$@" 2>&1; echo "[exit $?]"; }
run catalog stats --format json
run recommend --age 7 --interest dinosaurs --interest drawing --purpose educational --budget 30 --format json
run recommend --age 35 --interest "scuba diving" --budget 40 --format json
run recommend --age 0.5 --interest music --format json
run recommend --age 12 --interest "star wars" --limit 3 --format json
run recommend --age 70 --interest gardening --purpose crafty --budget 25 --exclude seeds --format json
run recommend --age 9 --interest chess --budget 5 --format json
run recommend --age 16 --interest "k-pop" --interest coding --format json
run recommend --age 40 --format json --limit 10
run catalog export --format jsonl
printf 'id,name,price\nx-1,Test,3\nx-1,Dup,4\n' > "$dir/bad.csv"
run catalog import "$dir/bad.csv" --report json
printf 'id,name,price\nz-1,Zed Kite,12.5\n' > "$dir/good.csv"
run catalog import "$dir/good.csv" --report json
run catalog stats --format json
