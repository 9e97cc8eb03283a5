#!/bin/bash
# Makes lab__wireguard.pcap: a real WireGuard tunnel between two network namespaces joined by a veth pair, captured
# on one end of the veth. Each namespace runs a userspace WireGuard interface (the program in lab__wireguard/, built
# on wireguard-go, golang.zx2c4.com/wireguard, since this kernel has no wireguard module) configured with wg(8) from
# Debian's wireguard-tools: fresh keys each run, UDP port 51820 on both sides, the tunnel 10.42.0.1 <-> 10.42.0.2.
# Through the tunnel: three pings (the first starts the handshake: Initiation, Response), a short TCP exchange
# (socat: a line sent and echoed back), then quiet, during which the initiator's persistent keepalive (1 s) sends
# Keepalive messages. Needs root, Go, wireguard-tools, socat and tcpdump. Usage: bash lab__wireguard.sh OUT.pcap
set -eu
umask 077
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
lab_netns wgla wglb wva wvb 10.41.0.1/24 10.41.0.2/24
# no IPv6 on the link: its router solicitations would join the capture
ip netns exec wgla sysctl -qw net.ipv6.conf.wva.disable_ipv6=1
ip netns exec wglb sysctl -qw net.ipv6.conf.wvb.disable_ipv6=1
(cd "$HERE/lab__wireguard" && go build -o "$W/lab-wg" .)
for s in a b; do
	ip netns exec wgl$s sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	ip netns exec wgl$s "$W/lab-wg" wgl${s}0 &
	echo $! > "$W/wg$s.pid"
	wg genkey > "$W/$s.key"
	wg pubkey < "$W/$s.key" > "$W/$s.pub"
done
ip netns exec wglb tcpdump -i wvb -U -w "$OUT" -s 0 udp 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1.5
ip netns exec wglb wg set wglb0 listen-port 51820 private-key "$W/b.key" \
	peer "$(cat "$W/a.pub")" allowed-ips 10.42.0.1/32
ip netns exec wgla wg set wgla0 listen-port 51820 private-key "$W/a.key" \
	peer "$(cat "$W/b.pub")" endpoint 10.41.0.2:51820 allowed-ips 10.42.0.2/32 persistent-keepalive 1
ip -n wgla addr add 10.42.0.1/24 dev wgla0
ip -n wglb addr add 10.42.0.2/24 dev wglb0
ip -n wgla link set wgla0 up
ip -n wglb link set wglb0 up
ip netns exec wglb socat TCP-LISTEN:7000,reuseaddr EXEC:cat &
echo $! > "$W/socat.pid"
sleep 0.5
ip netns exec wgla ping -c 3 -i 0.3 10.42.0.2 >/dev/null
echo 'hello through the tunnel' | ip netns exec wgla socat -t 0.5 - TCP:10.42.0.2:7000 >/dev/null
sleep 2.5
