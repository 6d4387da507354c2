#!/usr/bin/env bash
# A hub taking three teams' work, one sync each: how long each sync takes and how many
# processes it spawns (git, and kiemtra as git's merge driver), counted by wrappers put
# in front of them. Everything stays in a temporary folder; no network.
#
#   benches/sync_hub.sh [N]        (default: 249 inspections per team)
#
# Phase 1: three teams each bring N inspections of their own (new files, no merging).
# Phase 2: the three teams hold the same N inspections, each edits a different criterion
#          of every one, and each syncs: the second and third merge all N files with the
#          kiemtra merge driver.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-249}
cargo build --release --quiet
bin=$PWD/target/release/kiemtra
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$work/home/.gitconfig LC_ALL=C
mkdir -p "$HOME" "$work/wrap"
real_git=$(command -v git)
log=$work/spawned.log
cat >"$work/wrap/git" <<EOF
#!/bin/sh
echo git >>"$log"
exec "$real_git" "\$@"
EOF
cat >"$work/wrap/driver" <<EOF
#!/bin/sh
echo driver >>"$log"
exec "$bin" merge-driver "\$@"
EOF
chmod +x "$work/wrap/git" "$work/wrap/driver"
export PATH=$work/wrap:$PATH
git init -q --bare -b main "$work/hub.git"

k() { "$bin" --lang en --data-dir "$@"; }
team_init() { # dir name
  k "$1" sync init --remote "$work/hub.git" --name "$2" --by "$2" >/dev/null
  # Count the merge driver's runs through the wrapper.
  "$real_git" -C "$1" config merge.kiemtra.driver "'$work/wrap/driver' %O %A %B %P"
}
timed_sync() { # label dir
  : >"$log"
  local start end out
  start=$(date +%s.%N)
  out=$(k "$2" sync || true)
  end=$(date +%s.%N)
  printf '%-34s %6.2f s  %4d git  %4d merge-driver   %s\n' "$1" "$(echo "$end - $start" | bc)" \
    "$(grep -c '^git' "$log" || true)" "$(grep -c '^driver' "$log" || true)" "$(echo "$out" | head -1)"
}

echo "kiemtra sync, hub with 3 teams x $n inspections ($(git --version), $(nproc) cores)"
echo "phase 1: each team brings $n inspections of its own"
for t in 1 2 3; do
  team_init "$work/team$t" "Team $t"
  k "$work/team$t" demo --wards "$n" --seed "$t" >/dev/null
done
for t in 1 2 3; do timed_sync "  team $t sync" "$work/team$t"; done
team_init "$work/operator" "City"
timed_sync "  operator sync (takes all)" "$work/operator"
echo "  operator has $(ls "$work/operator/inspections" | wc -l) inspections"

echo "phase 2: the same $n inspections edited on three laptops, one sync each"
for t in 2 3; do timed_sync "  team $t catches up" "$work/team$t" >/dev/null; done
timed_sync "  team 1 catches up" "$work/team1" >/dev/null
ids=$(ls "$work/team1/inspections" | head -n "$n" | sed 's/\.json$//')
edited=0
for id in $ids; do
  for t in 1 2 3; do
    k "$work/team$t" set "$id" "$t" --evidence "Team $t saw the registers" >/dev/null 2>&1 && edited=$((edited + 1)) || true
  done
done
echo "  $edited edits made"
for t in 1 2 3; do timed_sync "  team $t sync" "$work/team$t"; done
timed_sync "  team 1 sync again (takes 2 and 3)" "$work/team1"
timed_sync "  team 2 sync again (takes 3)" "$work/team2"
timed_sync "  team 2 once more (nothing new)" "$work/team2"
