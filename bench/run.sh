#!/usr/bin/env bash
# Runs ladder and tshark on the same captures, several times each, and prints
# the median wall time and peak RSS of each, with ratios; then each analysis
# command alone and the interactive view with the flow table open
# (bench/tui.sh), against issue #21's memory budgets.
#   bench/run.sh [RUNS] [--ladder-only] CAPTURE...
# --ladder-only skips tshark and the bare read (for the 10M and 100M captures:
# tshark needs about 0.6 GB per million packets).
# Make captures with bench/gen.sh and bench/big.sh (see README, "Performance"):
#   bench/gen.sh /tmp/bench/1m.pcap 25500                       # ~1M packets, 168 MB
#   bench/big.sh /tmp/bench/1m.pcap /tmp/bench/10m.pcap         # ~10M, 1.7 GB
#   bench/big.sh /tmp/bench/10m.pcap /tmp/bench/100m.pcap       # ~100M, 17 GB
set -euo pipefail
runs=5
if [[ ${1:-} =~ ^[0-9]+$ ]]; then runs=$1; shift; fi
ladderOnly=
if [ "${1:-}" = --ladder-only ]; then ladderOnly=1; shift; fi
[ $# -gt 0 ] || { echo "usage: bench/run.sh [RUNS] [--ladder-only] CAPTURE..." >&2; exit 2; }
cd "$(dirname "$0")/.."
go build -o /tmp/ladder-bench ./cmd/ladder
go build -o /tmp/ladder-bare ./bench/bare

# measure NAME CMD...: median wall seconds and peak RSS MB over $runs runs
measure() {
  local name=$1; shift
  local walls=() rss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o /tmp/ladder-bench.time "$@" >/dev/null 2>/dev/null || true
    read -r w m < /tmp/ladder-bench.time
    walls+=("$w"); rss+=("$m")
  done
  local mw mr
  mw=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rss[@]}" | sort -g | awk '{a[NR]=$1} END{printf "%.0f", a[int((NR+1)/2)]/1024}')
  local hi
  hi=$(printf '%s\n' "${rss[@]}" | sort -g | tail -1 | awk '{printf "%.0f", $1/1024}')
  printf '%-34s %8.2f s %7s MB (highest %s MB)\n' "$name" "$mw" "$mr" "$hi"
  echo "$mw $mr $hi" > "/tmp/ladder-bench.$name"
}

# budget NAME PACKETS: issue #21's peak-RSS budget of an analysis command
# (100 MB at 1M packets, 500 MB at 10M), checked on the highest run.
budget() {
  local name=$1 n=$2 limit=
  if [ "$n" -le 1500000 ]; then limit=100; elif [ "$n" -le 15000000 ]; then limit=500; fi
  [ -n "$limit" ] || return 0
  read -r _ _ hi < "/tmp/ladder-bench.$name"
  if [ "$hi" -le "$limit" ]; then echo "  $name: within the ${limit} MB budget"; else echo "  $name: OVER the ${limit} MB budget ($hi MB)"; fi
}

ladder_all() {
  local f=$1
  for cmd in flows expert explain; do
    if /tmp/ladder-bench --help | grep -q "^  $cmd "; then
      /tmp/ladder-bench "$cmd" --json "$f" >/dev/null
    fi
  done
}
export -f ladder_all

for f in "$@"; do
  n=$(capinfos -c -M "$f" 2>/dev/null | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}')
  echo "== $f ($n packets, $(du -h "$f" | cut -f1)), median of $runs runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -z "$ladderOnly" ]; then
    measure bare /tmp/ladder-bare "$f"
    measure ladder-flows /tmp/ladder-bench flows --json "$f"
    measure ladder-all bash -c "ladder_all $f"
    measure tshark-analysis tshark -n -r "$f" -Y "tcp.analysis.flags || tcp.flags.reset==1" -T fields -e frame.number -e tcp.stream
    read -r bare _ < /tmp/ladder-bench.bare
    read -r lall lrss _ < /tmp/ladder-bench.ladder-all
    read -r ts trss _ < /tmp/ladder-bench.tshark-analysis
    awk -v b="$bare" -v l="$lall" -v t="$ts" -v lr="$lrss" -v tr="$trss" 'BEGIN {
      printf "ladder (flows+expert+explain) vs tshark: %.1fx faster, %.1fx less memory; vs bare read: %.1fx\n", t/l, tr/lr, l/(b>0?b:0.01) }'
  fi
  for cmd in expert flows explain; do
    measure "ladder-$cmd" /tmp/ladder-bench "$cmd" --json "$f"
    budget "ladder-$cmd" "$n"
  done
  out=$(bash bench/tui.sh "$f" /tmp/ladder-bench); echo "$out" | sed 's/^/interactive view, /'
  peak=$(echo "$out" | sed -n 's/^flow table open: peak \([0-9]*\) MB.*/\1/p')
  if [ "$n" -gt 1500000 ] && [ "$n" -le 15000000 ]; then
    if [ "$peak" -le 600 ]; then echo "  interactive view with the flow table: within the 600 MB budget"
    else echo "  interactive view with the flow table: OVER the 600 MB budget ($peak MB)"; fi
  fi
done
