#!/bin/bash
# Makes lab__telnet.pcap: a real Telnet session between two network namespaces joined by a veth pair, captured on
# the client's end: GNU inetutils telnetd (Debian 12's inetutils-telnetd) on 10.13.0.2 port 23, started per
# connection by a few lines of Python doing inetd's job, running (-E) a login program written here that asks for a
# user name and then answers a few commands, and the netkit telnet client (Debian's telnet)
# driven from a pipe: option negotiation (DO/WILL/WONT/DONT, terminal type, window size), the banner and prompts,
# typed lines, command output with an escape sequence, and the close. Needs root, inetutils-telnetd, telnet,
# python3 and tcpdump.
# Usage: bash lab__telnet.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns tna tnb ta tb 10.13.0.1/24 10.13.0.2/24
chmod 755 "$W"
cat > "$W/login" <<'SH'
#!/bin/sh
printf 'Welcome to the ladder lab\r\nlogin: '
read -r user
printf 'Hello %s\r\n' "$user"
while printf 'lab$ ' && read -r cmd; do
	case "$cmd" in
	date) printf 'Sun Dec  6 12:00:00 UTC 2026\r\n' ;;
	colour) printf '\033[1;31mred\033[0m\r\n' ;;
	exit) printf 'bye\r\n'; exit 0 ;;
	*) printf '%s: not found\r\n' "$cmd" ;;
	esac
done
SH
chmod 755 "$W/login"
ip netns exec tnb python3 -c '
import os, socket, sys
s = socket.create_server(("10.13.0.2", 23))
while True:
	c, _ = s.accept()
	if os.fork() == 0:
		for fd in (0, 1, 2):
			os.dup2(c.fileno(), fd)
		os.execv("/usr/sbin/telnetd", ["telnetd", "-h", "-E", sys.argv[1]])
	c.close()
' "$W/login" >/dev/null 2>&1 &
echo $! > "$W/telnetd.pid"
ip netns exec tna tcpdump -i ta -U -w "$OUT" -s 0 'tcp port 23' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
(sleep 1; echo lab; sleep 0.5; echo date; sleep 0.5; echo colour; sleep 0.5; echo nothing; sleep 0.5; echo exit; sleep 1) |
	ip netns exec tna telnet 10.13.0.2 23 >/dev/null 2>&1 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
