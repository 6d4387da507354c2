#!/usr/bin/env bash
# What each path costs as the data folder grows: 1,000, 10,000 and 100,000 demo units,
# each command run as a process (median wall time, peak RSS from GNU time), and the ratio
# of the biggest folder to the smallest, in the same run.
#
#   benches/scale.sh [RUNS]          (default 5 runs per command and size)
#
# Paths: show, set, export, seal and verify with a whole id; list --json; summary --json
# without its cache of seal checks (summary0, as on a first run) and with it (summary).
# Data is generated once into target/bench-data/scale-<N>/ (the folders benches/scale.rs
# uses too) and reused; never run in CI. BENCH_DEMO=1 makes them again, timing `demo`
# itself at each size (one run each). Needs GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
sizes=${BENCH_SIZES:-"1000 10000 100000"}
cargo build --release --locked --quiet
bin=$PWD/target/release/kiemtra
cache=$PWD/target/bench-data
mkdir -p "$cache"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # runs a command $runs times; prints "median_seconds peak_kb"
  local times=() kb=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o /tmp/kiemtra-scale.time "$@" >/dev/null 2>/tmp/kiemtra-scale.err \
      || { echo "FAILED: $*" >&2; cat /tmp/kiemtra-scale.err >&2; exit 1; }
    read -r t m </tmp/kiemtra-scale.time
    times+=("$t"); [ "$m" -gt "$kb" ] && kb=$m
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $kb"
}
measure_each() { # "command with ID in it" id...: runs it once per id (for commands that change the file)
  local cmd=$1 times=() kb=0; shift
  for id in "$@"; do
    /usr/bin/time -f "%e %M" -o /tmp/kiemtra-scale.time ${cmd//ID/$id} >/dev/null 2>/tmp/kiemtra-scale.err \
      || { echo "FAILED: ${cmd//ID/$id}" >&2; cat /tmp/kiemtra-scale.err >&2; exit 1; }
    read -r t m </tmp/kiemtra-scale.time
    times+=("$t"); [ "$m" -gt "$kb" ] && kb=$m
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $kb"
}

declare -A result
for n in $sizes; do
  dir=$cache/scale-$n
  if [ ! -f "$dir/roster-demo.csv" ] || [ "${BENCH_DEMO:-0}" = 1 ]; then
    # Into a new folder, the old one deleted only after the timing: on ext4 without a
    # journal, files made just after many were deleted cost more to create (the kernel
    # steps over inodes freed in the last minutes: 2.6 times the system time at 10,000
    # units), which is not `demo`'s cost.
    rm -rf "$dir.new"
    sync
    echo "generating $n demo units into $dir ..." >&2
    /usr/bin/time -f "%e %M" -o /tmp/kiemtra-scale.time "$bin" --data-dir "$dir.new" demo --wards "$n" --seed 7 >/dev/null
    result[$n,demo]=$(cat /tmp/kiemtra-scale.time)
    rm -rf "$dir"
    mv "$dir.new" "$dir"
  fi
  files=$(ls "$dir/inspections" | wc -l)
  find "$dir/inspections" -name '*.json' -exec cat {} + >/dev/null   # warm the page cache
  id=$(ls "$dir/inspections" | sed -n "$((files / 2))p" | sed 's/\.json$//' || true)
  draft=$(find "$dir/inspections" -name '*.json' -print0 | xargs -0 grep -l '"status": "draft"' 2>/dev/null | head -1 | xargs basename | sed 's/\.json$//' || true)
  sealed=$(find "$dir/inspections" -name '*.json' -print0 | xargs -0 grep -l '"status": "sealed"' 2>/dev/null | head -1 | xargs basename | sed 's/\.json$//' || true)
  # Final, not yet sealed: each run of `seal` seals another one.
  finals=$(find "$dir/inspections" -name '*.json' -print0 | xargs -0 grep -l '"status": "final"' 2>/dev/null | head -"$runs" | xargs -n1 basename | sed 's/\.json$//' || true)
  k="--data-dir $dir"
  result[$n,files]=$files
  result[$n,show]=$(measure "$bin" $k show "$id" --json)
  result[$n,set]=$(measure "$bin" $k set "$draft" 1 --evidence "bench")
  result[$n,export]=$(measure "$bin" $k export "$id" --format json -o -)
  result[$n,seal]=$(measure_each "$bin $k seal ID --by bench --confirm-incomplete" $finals)
  result[$n,verify]=$(measure "$bin" $k verify "$sealed")
  result[$n,list]=$(measure "$bin" $k list --json)
  # Without the cache of seal checks (as on a first run), then with it.
  result[$n,summary0]=$(measure sh -c "rm -f '$dir/.cache/seals-v1'; exec '$bin' $k summary --json")
  result[$n,summary]=$(measure "$bin" $k summary --json)
done

paths="show set export seal verify list summary0 summary"
[ "${BENCH_DEMO:-0}" = 1 ] && paths="$paths demo"
echo "runs: $runs, cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s' path; for n in $sizes; do printf '%26s' "$n units (${result[$n,files]} files)"; done; echo "   ratio"
first=${sizes%% *}; last=${sizes##* }
for p in $paths; do
  printf '%-9s' "$p"
  for n in $sizes; do
    read -r t kb <<<"${result[$n,$p]}"
    printf '%17s s %6s MiB' "$t" "$((kb / 1024))"
  done
  read -r a _ <<<"${result[$first,$p]}"; read -r b _ <<<"${result[$last,$p]}"
  awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0) printf "   %.1fx\n", b / a; else print "   -" }'
done
