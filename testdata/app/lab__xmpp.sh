#!/bin/bash
# Makes lab__xmpp.pcap: real XMPP client-to-server sessions (TCP 5222) between Debian 12's prosody and the Go client
# in lab__xmpp/ (github.com/xmppo/go-xmpp v0.4.1) in two network namespaces joined by a veth pair. Session one stays
# in clear text (prosody allows plain SASL without TLS here) and shows the stream headers, features, SASL PLAIN auth,
# resource bind, session, presences, a chat message, iq gets (version, roster, disco, ping, vCard) with their results
# and the stream close; session two upgrades with STARTTLS/PROCEED (self-signed certificate made here) and goes on in TLS.
# Needs root, prosody, openssl, tcpdump and Go. Usage: bash lab__xmpp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lab-netns.sh"
lab_netns xsa xsb xa xb 10.13.0.1/24 10.13.0.2/24
chmod 755 "$W"
(cd "$HERE/lab__xmpp" && go build -o "$W/client" .)
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=example.com -keyout "$W/example.com.key" \
	-out "$W/example.com.crt" 2>/dev/null
mkdir -p "$W/data"
chown -R prosody "$W/data" "$W/example.com.key" "$W/example.com.crt"
cat > "$W/prosody.cfg.lua" <<CFG
pidfile = "$W/data/prosody.pid"
data_path = "$W/data"

interfaces = { "10.13.0.1" }
c2s_ports = { 5222 }
s2s_ports = { }
modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "version"; "ping" }
modules_disabled = { "s2s"; "offline"; "c2s_bidi"; "csi_simple"; "carbons"; "pep"; "blocklist"; "vcard_legacy" }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
log = { info = "*console" } -- to $W/prosody.out
certificates = "$W"
ssl = { key = "$W/example.com.key"; certificate = "$W/example.com.crt" }
VirtualHost "example.com"
CFG
export PROSODY_CONFIG="$W/prosody.cfg.lua"
prosodyctl --config "$W/prosody.cfg.lua" register alice example.com wonderland
prosodyctl --config "$W/prosody.cfg.lua" register bob example.com builder
ip netns exec xsa runuser -u prosody -- prosody --config "$W/prosody.cfg.lua" >"$W/prosody.out" 2>&1 &
echo $! > "$W/prosody-run.pid"
sleep 3
ip netns exec xsa tcpdump -i xa -U -w "$OUT" -s 0 'tcp port 5222' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
ip netns exec xsb "$W/client"
sleep 0.5
ip netns exec xsb "$W/client" -starttls
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
