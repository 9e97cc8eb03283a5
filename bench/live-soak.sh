#!/usr/bin/env bash
# Live-capture soak: ladder captures a steady flood into a ring of files for
# MINUTES, and its resident memory is sampled every few seconds. With a ring
# (-b files:N) the index keeps only the packets of the files on disk, so the
# curve must rise while the window fills and then stay flat.
#   bench/live-soak.sh [MINUTES [RATE [MODE]]]
# MINUTES (default 12), RATE frames/s (default 50000), MODE tui (the
# interactive view in a pseudo-terminal, which reruns the analysis of the
# window every 2 s) or list (ladder list -i with a display filter that
# matches nothing). Ring: FILE_KB kB (default 20000) x FILES (default 5).
# Needs root (network namespaces, packet sockets); traffic comes from
# bench/blast on a veth pair in two namespaces. FRESH=1 makes every frame a
# new conversation (many short connections: the flow table's worst case).
set -euo pipefail
minutes=${1:-12}; rate=${2:-50000}; mode=${3:-tui}
file_kb=${FILE_KB:-20000}; files=${FILES:-5}; every=${EVERY:-10}
cd "$(dirname "$0")/.."
# LADDER=path measures a prebuilt binary (e.g. an older commit) instead.
bin=/tmp/ladder-soak-$$; blastbin=/tmp/blast-soak-$$
if [ -n "${LADDER:-}" ]; then cp "$LADDER" "$bin"; else go build -o "$bin" ./cmd/ladder; fi
go build -o "$blastbin" ./bench/blast
c=ladder-soak-c$$; s=ladder-soak-s$$
dir=$(mktemp -d /tmp/ladder-soak.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  ip netns del "$c" 2>/dev/null || true
  ip netns del "$s" 2>/dev/null || true
  rm -rf "$dir" "$bin" "$blastbin"
}
trap cleanup EXIT
ip netns add "$c"; ip netns add "$s"
ip -n "$c" link add va type veth peer name vb netns "$s"
ip -n "$c" link set va up; ip -n "$s" link set vb up
ip -n "$c" link set lo up

args=(-i va -w "$dir/ring.pcapng" -b "filesize:$file_kb" -b "files:$files")
if [ "$mode" = tui ]; then
  mkfifo "$dir/keys"
  # script gives ladder a terminal; keys are written to the FIFO.
  TERM=xterm-256color ip netns exec "$c" script -qfec "$bin ${args[*]}" /dev/null <"$dir/keys" >/dev/null 2>"$dir/err" &
  exec 3>"$dir/keys"
  sleep 2
  pid=$(pgrep -n -f "^$bin -i va -w $dir/")
else
  ip netns exec "$c" "$bin" list "${args[@]}" -Y "udp.port == 1" >/dev/null 2>"$dir/err" &
  pid=$!
  sleep 2
fi
echo "== ladder $mode, ${rate} frames/s for ${minutes} min, ring ${files} x ${file_kb} kB, RSS every ${every} s"
ip netns exec "$s" "$blastbin" -ns "$s" -i vb -rate "$rate" -for "${minutes}m" ${FRESH:+-fresh} >"$dir/blast" &
blast=$!
start=$(date +%s)
printf '%6s %8s %6s\n' "t(s)" "RSS(MB)" "files"
while kill -0 "$blast" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  n=$(ls "$dir" | grep -c '^ring_' || true)
  printf '%6d %8s %6s\n' $(( $(date +%s) - start )) "$rss" "$n" | tee -a "$dir/curve"
  sleep "$every"
done
cat "$dir/blast"
peak=$(awk '/^VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
if [ "$mode" = tui ]; then printf q >&3; else kill -INT "$pid"; fi
wait "$pid" 2>/dev/null || true
pid=""
cat "$dir/err"
# Flat: the RSS of the last half of the run against its first sample after
# the window filled (the first sample with FILES files).
awk -v files="$files" -v peak="$peak" '
  $3 >= files && !f { f = $2; ft = $1 }
  { last = $2; lt = $1; if (f && $1 >= lt/2) { if (!mn || $2 < mn) mn = $2; if ($2 > mx) mx = $2 } }
  END { printf "window full at %d s with %s MB; from then to the end (%d s): %s MB at the end, peak (VmHWM) %s MB\n", ft, f, lt, last, peak }' "$dir/curve"
