#!/usr/bin/env bash
# Measures the interactive view's memory on a capture: runs ladder in a
# tmux terminal, waits until the capture has loaded and the process has gone
# idle (the background analysis done), reads its peak resident memory
# (VmHWM), opens the flow table (f) as a person would, waits for idle again
# and reads the peak again. Needs tmux.
#   bench/tui.sh CAPTURE [LADDER-BINARY]
set -euo pipefail
cap=$(realpath "$1"); bin=${2:-}
cd "$(dirname "$0")/.."
if [ -z "$bin" ]; then bin=/tmp/ladder-bench; go build -o "$bin" ./cmd/ladder; fi
s=ladder-tui-$$
tmux new-session -d -s "$s" -x 160 -y 45 "exec $bin '$cap'"
trap 'tmux kill-session -t "$s" 2>/dev/null || true' EXIT
pid=$(tmux list-panes -t "$s" -F '#{pane_pid}')

# idle: waits until the process has used no CPU for a second.
idle() {
  local prev=-1 now
  while :; do
    now=$(awk '{print $14+$15}' "/proc/$pid/stat")
    [ "$now" = "$prev" ] && return
    prev=$now; sleep 1
  done
}
peak() { awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }

start=$(date +%s.%N)
until tmux capture-pane -p -t "$s" | grep -q 'loaded in'; do sleep 0.2; done
loaded=$(date +%s.%N)
idle
echo "loaded: $(tmux capture-pane -p -t "$s" | grep -o 'loaded in [^ ]*'); peak $(peak) (wall to 'loaded' $(echo "$loaded - $start" | bc) s)"
tmux send-keys -t "$s" f
until tmux capture-pane -p -t "$s" | head -1 | grep -q '^Stream'; do sleep 0.2; done
idle
echo "flow table open: peak $(peak), now $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status")"
