#!/bin/bash
# Makes lab__kerberos.pcap: real Kerberos 5 between two network namespaces joined by a veth pair, captured on the
# client's end. MIT krb5kdc (Debian 12's krb5-kdc, a realm EXAMPLE.ORG made here with kdb5_util and kadmin.local)
# serves on 10.10.0.2 port 88 over UDP and TCP; the client tools are MIT krb5-user's: kinit over UDP (AS-REQ without
# pre-authentication, KRB-ERROR PREAUTH_REQUIRED, AS-REQ with an encrypted timestamp, AS-REP), kvno for a service
# (TGS-REQ, TGS-REP), kinit with a wrong password (PREAUTH_FAILED) and for an unknown principal
# (C_PRINCIPAL_UNKNOWN), then the same kinit and kvno over TCP (udp_preference_limit = 1: the 4-byte record mark).
# Needs root, krb5-kdc, krb5-user and tcpdump (Debian packages).
# Usage: bash lab__kerberos.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns kra krb ka kb 10.10.0.1/24 10.10.0.2/24
chmod 755 "$W"
for proto in udp tcp; do
	limit=1465
	[ $proto = tcp ] && limit=1
	cat > "$W/krb5-$proto.conf" <<CONF
[libdefaults]
	default_realm = EXAMPLE.ORG
	dns_lookup_kdc = false
	dns_lookup_realm = false
	rdns = false
	udp_preference_limit = $limit
[realms]
	EXAMPLE.ORG = {
		kdc = 10.10.0.2
	}
CONF
done
cat > "$W/kdc.conf" <<CONF
[kdcdefaults]
	kdc_ports = 88
	kdc_tcp_ports = 88
[realms]
	EXAMPLE.ORG = {
		database_name = $W/principal
		key_stash_file = $W/stash
		acl_file = $W/kadm5.acl
	}
CONF
touch "$W/kadm5.acl"
export KRB5_KDC_PROFILE="$W/kdc.conf" KRB5_CONFIG="$W/krb5-udp.conf"
kdb5_util create -s -r EXAMPLE.ORG -P master-pw >/dev/null 2>&1
kadmin.local -q "addprinc +requires_preauth -pw alice-pw alice" >/dev/null 2>&1
kadmin.local -q "addprinc -randkey host/server.example.org" >/dev/null 2>&1
ip netns exec krb krb5kdc -n -P "$W/kdc.pid2" >/dev/null 2>&1 &
echo $! > "$W/kdc.pid"
ip netns exec kra tcpdump -i ka -U -w "$OUT" -s 0 'port 88' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
C="ip netns exec kra"
export KRB5CCNAME="FILE:$W/cc"
echo alice-pw | $C kinit alice >/dev/null
$C kvno host/server.example.org >/dev/null
echo wrong-pw | $C kinit alice >/dev/null 2>&1 || true
echo x | $C kinit nobody >/dev/null 2>&1 || true
export KRB5_CONFIG="$W/krb5-tcp.conf"
echo alice-pw | $C kinit alice >/dev/null
$C kvno host/server.example.org >/dev/null
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
