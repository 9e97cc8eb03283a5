#!/usr/bin/env bash
# Runs ladder and tshark on the same captures, several times each, and prints
# the median wall time and peak RSS of each, with ratios.
#   bench/run.sh [RUNS] CAPTURE...
# Make captures with bench/gen.sh (see README, "Performance").
set -euo pipefail
runs=5
if [[ ${1:-} =~ ^[0-9]+$ ]]; then runs=$1; shift; fi
[ $# -gt 0 ] || { echo "usage: bench/run.sh [RUNS] CAPTURE..." >&2; exit 2; }
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
  printf '%-34s %8.2f s %7s MB\n' "$name" "$mw" "$mr"
  echo "$mw $mr" > "/tmp/ladder-bench.$name"
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
  echo "== $f ($n packets, $(du -h "$f" | cut -f1)), median of $runs runs, $(nproc) cores"
  measure bare /tmp/ladder-bare "$f"
  measure ladder-flows /tmp/ladder-bench flows --json "$f"
  measure ladder-all bash -c "ladder_all $f"
  measure tshark-analysis tshark -n -r "$f" -Y "tcp.analysis.flags || tcp.flags.reset==1" -T fields -e frame.number -e tcp.stream
  read -r bare _ < /tmp/ladder-bench.bare
  read -r lall lrss < /tmp/ladder-bench.ladder-all
  read -r ts trss < /tmp/ladder-bench.tshark-analysis
  awk -v b="$bare" -v l="$lall" -v t="$ts" -v lr="$lrss" -v tr="$trss" 'BEGIN {
    printf "ladder (flows+expert+explain) vs tshark: %.1fx faster, %.1fx less memory; vs bare read: %.1fx\n", t/l, tr/lr, l/(b>0?b:0.01) }'
done
