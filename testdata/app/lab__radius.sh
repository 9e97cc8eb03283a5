#!/bin/bash
# Makes lab__radius.pcap: real RADIUS between two network namespaces joined by a veth pair, captured on the client's
# end. FreeRADIUS 3.2 (Debian 12's freeradius, its stock configuration copied and given a client 10.14.0.1 and a user
# alice) serves authentication on UDP 1812 and accounting on 1813; the clients are freeradius-utils': radtest (PAP
# Access-Request answered Access-Accept, then a wrong password answered Access-Reject after the server's delay) and
# radclient (Accounting-Request Start and Stop, answered Accounting-Response; a Status-Server). Needs root,
# freeradius, freeradius-utils and tcpdump (Debian packages). Usage: bash lab__radius.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns raa rab ra rb 10.14.0.1/24 10.14.0.2/24
chmod 755 "$W"
cp -a /etc/freeradius/3.0 "$W/raddb"
cat >> "$W/raddb/clients.conf" <<CONF
client lab {
	ipaddr = 10.14.0.1
	secret = lab-secret
}
CONF
printf 'alice Cleartext-Password := "alice-pw"\n\tReply-Message := "Hello, %%{User-Name}"\n' > "$W/raddb/mods-config/files/authorize.new"
cat "$W/raddb/mods-config/files/authorize" >> "$W/raddb/mods-config/files/authorize.new"
mv "$W/raddb/mods-config/files/authorize.new" "$W/raddb/mods-config/files/authorize"
sed -i 's/^\(\s*\)reject_delay = .*/\1reject_delay = 0/; s/^\(\s*\)status_server = .*/\1status_server = yes/' "$W/raddb/radiusd.conf"
ip netns exec rab freeradius -f -d "$W/raddb" -l "$W/radius.log" &
echo $! > "$W/radiusd.pid"
ip netns exec raa tcpdump -i ra -U -w "$OUT" -s 0 'udp port 1812 or udp port 1813' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 3
C="ip netns exec raa"
$C radtest alice alice-pw 10.14.0.2 7 lab-secret >/dev/null 2>&1 || true
$C radtest alice wrong-pw 10.14.0.2 7 lab-secret >/dev/null 2>&1 || true
printf 'User-Name = "alice"\nAcct-Status-Type = Start\nAcct-Session-Id = "lab-0001"\nNAS-IP-Address = 10.14.0.1\nFramed-IP-Address = 192.0.2.10\n' |
	$C radclient -x 10.14.0.2:1813 acct lab-secret >/dev/null 2>&1 || true
printf 'User-Name = "alice"\nAcct-Status-Type = Stop\nAcct-Session-Id = "lab-0001"\nAcct-Session-Time = 42\nAcct-Input-Octets = 1234\nAcct-Output-Octets = 5678\nAcct-Terminate-Cause = User-Request\n' |
	$C radclient -x 10.14.0.2:1813 acct lab-secret >/dev/null 2>&1 || true
printf 'Message-Authenticator = 0x00\n' | $C radclient -x 10.14.0.2:1812 status lab-secret >/dev/null 2>&1 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
