#!/bin/bash
# Makes lab__ldap_sasl.pcap, lab__cldap.pcap and lab__ldap_ntlm.pcap: a real Samba Active Directory domain controller (Debian 12's
# samba 4.17, a domain LAB.EXAMPLE made here by `samba-tool domain provision`) in one network namespace
# (10.20.0.2, named dc1.lab.example), its clients in another (10.20.0.1), joined by a veth pair and captured on
# the client's end.
# lab__ldap_sasl.pcap (tcp port 389): the client takes a ticket from Samba's KDC with kinit (MIT krb5-user; the
# Kerberos exchange on port 88 is not kept), then
#   1. ldapsearch -Y GSSAPI (OpenLDAP ldap-utils 2.5, Cyrus SASL's GSSAPI plug-in from
#      libsasl2-modules-gssapi-mit): the SASL security layer negotiates sign+seal, so after the bind every LDAP
#      message is a 4-byte SASL length and an RFC 4121 wrap token (TOK_ID 05 04, sealed: privacy);
#   2. the same with -O maxssf=1: integrity only (RFC 4121 wrap token not sealed; the LDAP message in clear);
#   3. the same with the arcfour-hmac enctype only (krb5.conf permitted_enctypes): the RFC 1964 wrap token
#      (TOK_ID 02 01 inside the GSS-API 0x60 header), sealed;
#   4. ldbsearch -H ldap://dc1.lab.example -k yes (Samba's own client): a GSS-SPNEGO bind, then sign+seal.
# lab__cldap.pcap (udp port 389): `net ads lookup -S 10.20.0.2` sends CLDAP netlogon pings (searchRequest of
# the root with a (&(DnsDomain=...)(NtVer=...)) filter for the attribute Netlogon) and Samba answers with a
# searchResEntry carrying the NETLOGON_SAM_LOGON_RESPONSE_EX and a searchResDone.
# lab__ldap_ntlm.pcap (tcp port 389): ldbsearch -U LAB/administrator%... --use-kerberos=disabled, a GSS-SPNEGO bind
# with NTLMSSP (NEGOTIATE, CHALLENGE, AUTH in SPNEGO tokens), then NTLMSSP sealing: each SASL buffer is a 16-byte
# NTLMSSP message signature and the sealed message.
# Needs root, samba, krb5-user, ldap-utils, libsasl2-modules-gssapi-mit, ldb-tools and tcpdump (Debian packages).
# Usage: bash lab__ldap_sasl.sh OUT-ldap-sasl.pcap OUT-cldap.pcap OUT-ldap-ntlm.pcap
set -eu
OUT=$(realpath -m "$1")
OUTC=$(realpath -m "$2")
OUTN=$(realpath -m "$3")
W=$(mktemp -d)
chmod 755 "$W"
cleanup() {
	for p in "$W"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
	sleep 1
	ip netns del ada 2>/dev/null || true
	ip netns del adb 2>/dev/null || true
	rm -rf "$W" /etc/netns/ada /etc/netns/adb
}
trap cleanup EXIT
ip netns add ada
ip netns add adb
ip link add aa netns ada type veth peer name ab netns adb
ip -n ada addr add 10.20.0.2/24 dev aa
ip -n adb addr add 10.20.0.1/24 dev ab
ip -n ada link set aa up; ip -n ada link set lo up
ip -n adb link set ab up; ip -n adb link set lo up
# ip netns exec bind-mounts /etc/netns/NAME/hosts over /etc/hosts: the DC's name without DNS
for n in ada adb; do
	mkdir -p /etc/netns/$n
	printf '127.0.0.1 localhost\n10.20.0.2 dc1.lab.example dc1\n' > /etc/netns/$n/hosts
	printf 'nameserver 10.20.0.2\n' > /etc/netns/$n/resolv.conf
done
A="ip netns exec ada"
C="ip netns exec adb"
$A samba-tool domain provision --targetdir="$W/dc" --realm=LAB.EXAMPLE --domain=LAB --server-role=dc \
	--dns-backend=SAMBA_INTERNAL --host-name=dc1 --host-ip=10.20.0.2 --adminpass='Adm1n-Passw0rd' \
	--option="interfaces=10.20.0.2" --option="bind interfaces only=yes" --option="dns forwarder=127.0.0.1" --option="server services=-winbindd" \
	>"$W/provision.log" 2>&1
$A samba -i -s "$W/dc/etc/smb.conf" >"$W/samba.log" 2>&1 &
echo $! > "$W/samba.pid"
for conf in all rc4; do
	enc=""
	[ $conf = rc4 ] && enc="permitted_enctypes = arcfour-hmac
	default_tgs_enctypes = arcfour-hmac
	default_tkt_enctypes = arcfour-hmac
	allow_weak_crypto = true"
	cat > "$W/krb5-$conf.conf" <<CONF
[libdefaults]
	default_realm = LAB.EXAMPLE
	dns_lookup_kdc = false
	dns_lookup_realm = false
	rdns = false
	$enc
[realms]
	LAB.EXAMPLE = {
		kdc = 10.20.0.2
	}
CONF
done
for i in $(seq 60); do
	$C bash -c 'exec 3<>/dev/tcp/10.20.0.2/389' 2>/dev/null && break
	sleep 1
done
sleep 3
export KRB5_CONFIG="$W/krb5-all.conf" KRB5CCNAME="FILE:$W/cc"
echo 'Adm1n-Passw0rd' | $C kinit administrator@LAB.EXAMPLE >/dev/null
$C tcpdump -i ab -U -w "$OUT" -s 0 'tcp port 389' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
Q="ldapsearch -N -Q -LLL -H ldap://dc1.lab.example -b dc=lab,dc=example"
$C $Q -Y GSSAPI '(sAMAccountName=administrator)' cn >/dev/null
$C $Q -Y GSSAPI -O maxssf=1 '(sAMAccountName=krbtgt)' cn >/dev/null
export KRB5_CONFIG="$W/krb5-rc4.conf" KRB5CCNAME="FILE:$W/cc-rc4"
echo 'Adm1n-Passw0rd' | $C kinit administrator@LAB.EXAMPLE >/dev/null
$C $Q -Y GSSAPI '(sAMAccountName=guest)' cn >/dev/null
export KRB5_CONFIG="$W/krb5-all.conf" KRB5CCNAME="FILE:$W/cc"
$C ldbsearch -H ldap://dc1.lab.example -k yes -b dc=lab,dc=example '(sAMAccountName=administrator)' cn >/dev/null
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
$C tcpdump -i ab -U -w "$OUTC" -s 0 'udp port 389' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
$C net ads lookup -S 10.20.0.2 --realm=LAB.EXAMPLE -W LAB >/dev/null
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
$C tcpdump -i ab -U -w "$OUTN" -s 0 'tcp port 389' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
$C ldbsearch -H ldap://dc1.lab.example -U 'LAB/administrator%Adm1n-Passw0rd' --use-kerberos=disabled \
	-b dc=lab,dc=example '(sAMAccountName=guest)' cn >/dev/null
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
