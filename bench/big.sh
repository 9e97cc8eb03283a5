#!/usr/bin/env bash
# Makes the large benchmark captures from a smaller one: COPIES time-shifted
# copies of IN joined end to end (editcap -t shifts each copy past the one
# before, mergecap -a concatenates), so the result has COPIES times the
# packets with the same traffic pattern. Needs editcap and mergecap.
#   bench/big.sh IN OUT [COPIES]
# The README's captures: bench/gen.sh 1m.pcap 25500 (≈1M packets, 168 MB);
# bench/big.sh 1m.pcap 10m.pcap (≈10M, 1.7 GB); bench/big.sh 10m.pcap 100m.pcap
# (≈100M, 17 GB).
set -euo pipefail
in=$1; out=$2; copies=${3:-10}
# Shift each copy by the input's duration rounded up, plus a second.
dur=$(capinfos -u -M -T "$in" | awk -F'\t' 'NR==2 {print int($2)+2}')
tmp=$(mktemp -d "$(dirname "$(realpath -m "$out")")/big.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
parts=()
for k in $(seq 0 $((copies - 1))); do
  editcap -F pcap -t $((k * dur)) "$in" "$tmp/$k.pcap"
  parts+=("$tmp/$k.pcap")
done
mergecap -a -F pcap -w "$out" "${parts[@]}"
capinfos -c -M "$out" | tail -1
