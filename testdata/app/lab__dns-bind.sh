#!/usr/bin/env bash
# lab__dns-bind.sh OUT.pcap — records BIND 9.18 (Debian's named) serving a DNSSEC-signed zone (NSEC3) that holds
# most record types in use (SOA, NS, MX, multi-string TXT, CAA, HTTPS, SVCB, LOC, CNAME, SRV, NAPTR, HINFO,
# SSHFP, TLSA, URI, DNAME, RP, a delegation, a wildcard) and a dynamic zone, asked by dig over UDP, TCP and
# IPv6: DNSSEC answers and NXDOMAIN proofs, a truncated answer and its TCP retry, ANY, AXFR and IXFR, EDNS
# client subnet and NSID, CHAOS queries, a TSIG-signed dynamic update (nsupdate) and a REFUSED query.
set -euo pipefail
out=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns dnsA dnsB dnsa dnsb 10.78.0.1/24 10.78.0.2/24 fd78::1/64 fd78::2/64
chmod 755 "$W"
cd "$W"
cat >example.test.zone <<'ZONE'
$TTL 300
@	IN SOA ns1.example.test. hostmaster.example.test. 2026120701 3600 600 86400 300
@	IN NS ns1
@	IN MX 10 mail
@	IN TXT "v=spf1 -all" "second string"
@	IN CAA 0 issue "letsencrypt.org"
@	IN HTTPS 1 . alpn="h2,h3" ipv4hint=10.78.0.2 port=443
@	IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m
ns1	IN A 10.78.0.2
ns1	IN AAAA fd78::2
mail	IN A 10.78.0.25
www	IN CNAME web
web	IN A 10.78.0.80
web	IN AAAA fd78::80
_sip._udp	IN SRV 10 60 5060 sip
sip	IN A 10.78.0.50
sip	IN NAPTR 100 10 "U" "E2U+sip" "!^.*$!sip:info@example.test!" .
host	IN HINFO "PC" "Linux"
host	IN SSHFP 4 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
_443._tcp.web	IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
_dns	IN SVCB 1 ns1 alpn="dot" port=853
uri	IN URI 10 1 "https://example.test/"
old	IN DNAME new.example.test.
rp	IN RP hostmaster.example.test. txt.example.test.
child	IN NS ns.child
ns.child	IN A 10.78.0.60
big	IN TXT "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
big	IN TXT "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
big	IN TXT "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
*.wild	IN A 10.78.0.99
ZONE
dnssec-keygen -q -a ECDSAP256SHA256 -f KSK example.test >/dev/null
dnssec-keygen -q -a ECDSAP256SHA256 example.test >/dev/null
for k in Kexample.test.*.key; do echo "\$INCLUDE $k" >>example.test.zone; done
dnssec-signzone -q -3 aabbccdd -H 0 -o example.test -S example.test.zone >/dev/null 2>&1 || dnssec-signzone -q -3 aabbccdd -o example.test example.test.zone
tsig=$(tsig-keygen -a hmac-sha256 upd)
echo "$tsig" >tsig.key
cat >named.conf <<CONF
options { directory "$W"; listen-on { 10.78.0.2; }; listen-on-v6 { fd78::2; }; recursion no; pid-file "$W/named.pid"; allow-transfer { any; }; dnssec-validation no; minimal-responses no; };
$tsig
zone "example.test" { type primary; file "$W/example.test.zone.signed"; };
zone "dyn.test" { type primary; file "$W/dyn.test.zone"; allow-update { key upd; }; };
CONF
printf '$TTL 60\n@ IN SOA ns1.dyn.test. h.dyn.test. 1 60 60 600 60\n@ IN NS ns1\nns1 IN A 10.78.0.2\n' >dyn.test.zone
chown -R bind "$W" 2>/dev/null || true
ip netns exec dnsB named -c "$W"/named.conf -u bind -n 1 >/dev/null 2>&1
sleep 2
ip netns exec dnsA tcpdump -i dnsa -w "$out" -U -s 0 2>/dev/null & echo $! >"$W"/tcpdump.pid
sleep 1
q() { ip netns exec dnsA dig +tries=1 +time=2 @10.78.0.2 "$@" >/dev/null 2>&1 || true; }
q example.test SOA
q example.test MX +nocookie
q example.test TXT
q example.test CAA
q example.test HTTPS
q example.test LOC
q www.example.test A
q web.example.test AAAA
q _sip._udp.example.test SRV
q sip.example.test NAPTR
q host.example.test HINFO
q host.example.test SSHFP
q _443._tcp.web.example.test TLSA
q _dns.example.test SVCB
q uri.example.test URI
q x.old.example.test A
q rp.example.test RP
q a.child.example.test A +norec
q z.wild.example.test A
q nothere.example.test A +dnssec
q example.test DNSKEY +dnssec
q web.example.test A +dnssec
q example.test NSEC3PARAM
q big.example.test TXT +bufsize=512
q big.example.test TXT +ignore +bufsize=512
q big.example.test TXT +tcp
q example.test ANY +tcp
q example.test AXFR
q example.test A +subnet=192.0.2.0/24 +nsid
q example.test CH TXT
q version.bind CH TXT
q example.test NS -6 @fd78::2
q example.test IXFR=2026120700
printf 'server 10.78.0.2\nzone dyn.test\nupdate add h1.dyn.test 60 A 10.78.0.7\nsend\n' | ip netns exec dnsA nsupdate -k tsig.key >/dev/null 2>&1 || true
q h1.dyn.test A
q nope.invalid A
sleep 1
kill $(cat "$W"/named.pid) 2>/dev/null || true
