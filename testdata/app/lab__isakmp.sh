#!/bin/sh
# Records lab__isakmp.pcap: real IKE (ISAKMP) between two strongSwan 5.9.8 charon daemons (Debian bookworm's
# strongswan-charon, strongswan-swanctl, libcharon-extra-plugins) in two network namespaces joined by a veth pair:
#   1. IKEv2 with a pre-shared key (IKE_SA_INIT, IKE_AUTH), pings through the tunnel (ESP), a CHILD_SA rekey and an
#      IKE_SA rekey (CREATE_CHILD_SA, each followed by the INFORMATIONAL delete of the old SA), the final delete;
#   2. IKEv2 again with encap = yes, pings, the delete;
#   3. IKEv1 Main Mode and Quick Mode, pings, the deletes (Informational); then IKEv1 Aggressive Mode and its deletes.
# This kernel has no ESP transform (ip xfrm answers "Requested type not found"), so ESP runs in charon's userspace
# IPsec stack (the kernel-libipsec plugin, a TUN device). That stack only speaks ESP in UDP, so strongSwan fakes NAT
# detection in every run: IKE moves to UDP 4500 behind the non-ESP marker after the first exchange and ESP travels
# in UDP 4500 (RFC 3948). Neither side believes itself behind the NAT, so no NAT-keepalive is sent. Each charon runs
# in a mount namespace of its own with a tmpfs on /run (charon's pid file and vici socket are there).
# Usage: sh lab__isakmp.sh OUT.pcap
set -eu
OUT=$(realpath "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns ike_a ike_b veth_ia veth_ib 10.50.0.1/24 10.50.0.2/24
ip -n ike_a addr add 10.51.1.1/32 dev lo
ip -n ike_b addr add 10.51.2.1/32 dev lo

# side NAME ME PEER MYNET PEERNET: the configuration of one daemon in $W/NAME
side() {
	mkdir -p "$W/$1/swanctl"
	cat >"$W/$1/strongswan.conf" <<C
charon {
	i_dont_care_about_security_and_use_aggressive_mode_psk = yes
	load = random nonce aes sha1 sha2 hmac kdf gmp openssl pem pkcs1 x509 pubkey kernel-libipsec kernel-netlink socket-default vici
	install_routes = yes
	keep_alive = 2s
	retransmit_tries = 2
	plugins { vici { socket = unix:///run/charon.vici } }
	filelog {
		lab {
			path = $W/$1.log
			default = 1
			ike = 2
		}
	}
}
C
	cat >"$W/$1/swanctl/swanctl.conf" <<C
connections {
	v2 {
		version = 2
		local_addrs = $2
		remote_addrs = $3
		proposals = aes128-sha256-modp2048
		dpd_delay = 0
		local { auth = psk
			id = $1@ladder.lab }
		remote { auth = psk }
		children { net { local_ts = $4/32
			remote_ts = $5/32
			esp_proposals = aes128-sha256 } }
	}
	v2encap {
		version = 2
		local_addrs = $2
		remote_addrs = $3
		encap = yes
		proposals = aes256-sha256-modp2048
		local { auth = psk
			id = $1-nat@ladder.lab }
		remote { auth = psk }
		children { natnet { local_ts = $4/32
			remote_ts = $5/32
			esp_proposals = aes256-sha256 } }
	}
	v1 {
		version = 1
		local_addrs = $2
		remote_addrs = $3
		proposals = aes128-sha1-modp2048
		local { auth = psk
			id = $1-v1@ladder.lab }
		remote { auth = psk }
		children { v1net { local_ts = $4/32
			remote_ts = $5/32
			esp_proposals = aes128-sha1 } }
	}
	v1aggr {
		version = 1
		aggressive = yes
		local_addrs = $2
		remote_addrs = $3
		proposals = aes128-sha1-modp2048
		local { auth = psk
			id = $1-aggr@ladder.lab }
		remote { auth = psk }
		children { aggrnet { local_ts = $4/32
			remote_ts = $5/32
			esp_proposals = aes128-sha1 } }
	}
}
secrets {
	ike-lab { secret = "ladder-lab-psk" }
}
C
}
side a 10.50.0.1 10.50.0.2 10.51.1.1 10.51.2.1
side b 10.50.0.2 10.50.0.1 10.51.2.1 10.51.1.1

# start NAME NS: charon of side NAME in namespace NS
start() {
	ip netns exec "$2" unshare -m --propagation private sh -c "mount -t tmpfs lab /run && mount --bind $W/$1/swanctl /etc/swanctl && STRONGSWAN_CONF=$W/$1/strongswan.conf exec /usr/lib/ipsec/charon" >"$W/$1.out" 2>&1 &
	echo $! >"$W/$1.pid"
}
start a ike_a
start b ike_b
sleep 2
# sw NAME ARGS: swanctl against side NAME's daemon, in its namespaces
sw() {
	n=$1; shift
	nsenter -t "$(cat "$W/$n.pid")" -m -n swanctl "$@" 2>/dev/null
}
sw a --load-all >/dev/null
sw b --load-all >/dev/null

ip netns exec ike_a tcpdump -i veth_ia -w "$OUT" -U udp >/dev/null 2>&1 &
echo $! >"$W/tcpdump.pid"
sleep 1
sw a --initiate --child net >/dev/null
ip netns exec ike_a ping -c 2 -i 0.2 -I 10.51.1.1 10.51.2.1 >/dev/null
sw a --rekey --child net >/dev/null
sleep 0.5
sw a --rekey --ike v2 >/dev/null
sleep 0.5
ip netns exec ike_a ping -c 1 -I 10.51.1.1 10.51.2.1 >/dev/null
sw a --terminate --ike v2 >/dev/null
sleep 0.5

sw a --initiate --child natnet >/dev/null
ip netns exec ike_a ping -c 2 -i 0.2 -I 10.51.1.1 10.51.2.1 >/dev/null
sleep 0.5
sw a --terminate --ike v2encap >/dev/null
sleep 0.5

sw a --initiate --child v1net >/dev/null
ip netns exec ike_a ping -c 2 -i 0.2 -I 10.51.1.1 10.51.2.1 >/dev/null
sw a --terminate --ike v1 >/dev/null
sleep 0.5
sw a --initiate --child aggrnet >/dev/null
sw a --terminate --ike v1aggr >/dev/null
sleep 1
kill "$(cat "$W/tcpdump.pid")"; sleep 0.5
