#!/usr/bin/env bash
# Roll-out summary speed: `kiemtra summary --json` against the same computation in jq
# (tests/fixtures/rollout-counts.jq) and in DuckDB (benches/rollout-counts.sql, through its
# Python package: `pip install duckdb`; skipped with a note when it is not installed) over
# the same generated inspection files, side by side.
#
#   benches/summary_vs_jq.sh [N_FILES] [RUNS]       (defaults: 10000 files, 5 runs)
#
# Set BENCH_DIR to reuse a data folder made earlier (generation fsyncs every file and
# takes about half a minute for 10,000). Needs jq and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-5}
dir=${BENCH_DIR:-$(mktemp -d)/data}
cargo build --release --locked --quiet
bin=target/release/kiemtra
if [ ! -d "$dir/inspections" ]; then
  echo "generating $n demo inspections in $dir ..."
  "$bin" --data-dir "$dir" demo --wards "$n" --seed 7 >/dev/null
fi
files=$(ls "$dir/inspections" | wc -l)
bytes=$(du -sb "$dir/inspections" | cut -f1)
find "$dir/inspections" -name '*.json' -exec cat {} + >/dev/null   # warm the page cache for all

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label, command...; prints "median_seconds peak_kb"
  local label=$1; shift
  local times=() kb=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o /tmp/kiemtra-bench.time "$@" >/tmp/kiemtra-bench.$label.json
    read -r t m </tmp/kiemtra-bench.time
    times+=("$t"); [ "$m" -gt "$kb" ] && kb=$m
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $kb"
}

# First without the cache of seal checks (every sealed file checked in full, as on a first
# run), then with it (as on every later run).
read -r c_t c_kb < <(measure kiemtra sh -c "rm -f '$dir/.cache/seals-v1'; exec '$bin' --data-dir '$dir' summary --json")
read -r k_t k_kb < <(measure kiemtra "$bin" --data-dir "$dir" summary --json)
# The files on jq's standard input (the program reads them with `inputs`): 100,000 names
# are too many for one command line. jq keeps every file in memory (about 100 KB each).
export KIEMTRA_BENCH_JQ=$PWD/tests/fixtures/rollout-counts.jq
read -r j_t j_kb < <(cd "$dir/inspections" && measure jq sh -c 'find . -name "*.json" -exec cat {} + | jq -n -f "$KIEMTRA_BENCH_JQ" --argjson broken "[]" --argjson criteria 22')

duck=
if python3 -c 'import duckdb' 2>/dev/null; then
  sql=$(sed "s|\$DIR|$dir/inspections|" benches/rollout-counts.sql)
  export KIEMTRA_BENCH_SQL=$sql
  read -r d_t d_kb < <(measure duckdb python3 -c 'import duckdb, json, os
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
cur = con.execute(os.environ["KIEMTRA_BENCH_SQL"])
names = [c[0] for c in cur.description]
print(json.dumps(dict(zip(names, cur.fetchone()))))')
  duck=1
fi

for f in units_inspected units_meeting_all units_in_progress units_self_assessed; do
  a=$(jq ".$f" /tmp/kiemtra-bench.kiemtra.json); b=$(jq ".$f" /tmp/kiemtra-bench.jq.json)
  [ "$a" = "$b" ] || { echo "MISMATCH on $f: kiemtra $a, jq $b"; exit 1; }
  if [ -n "$duck" ]; then
    c=$(jq ".$f" /tmp/kiemtra-bench.duckdb.json)
    [ "$a" = "$c" ] || { echo "MISMATCH on $f: kiemtra $a, duckdb $c"; exit 1; }
  fi
done
echo "files: $files ($((bytes / 1024 / 1024)) MiB), runs: $runs, cores: $(nproc)"
echo "kiemtra summary, no seal cache: median ${c_t} s, peak RSS $((c_kb / 1024)) MiB"
echo "kiemtra summary: median ${k_t} s, peak RSS $((k_kb / 1024)) MiB"
echo "jq:              median ${j_t} s, peak RSS $((j_kb / 1024)) MiB"
if [ -n "$duck" ]; then
  echo "duckdb:          median ${d_t} s, peak RSS $((d_kb / 1024)) MiB"
else
  echo "duckdb:          not installed (pip install duckdb), left out"
fi
awk -v k="$k_t" -v c="$c_t" -v j="$j_t" 'BEGIN { printf "ratio: jq / kiemtra = %.1fx (%.1fx without the seal cache)\n", j / k, j / c }'
[ -n "$duck" ] && awk -v k="$k_t" -v c="$c_t" -v d="$d_t" 'BEGIN { printf "ratio: duckdb / kiemtra = %.1fx (%.1fx without the seal cache)\n", d / k, d / c }'
echo "both agree: units_inspected $(jq .units_inspected /tmp/kiemtra-bench.kiemtra.json), units_meeting_all $(jq .units_meeting_all /tmp/kiemtra-bench.kiemtra.json)"
