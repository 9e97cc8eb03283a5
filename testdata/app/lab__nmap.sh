#!/usr/bin/env bash
# lab__nmap.sh OUT.pcap — records nmap 7.93 (Debian) scanning a namespace that runs a few small services:
# SYN, connect, FIN, Xmas, NULL, ACK, Maimon, window, UDP, IP-protocol and SCTP INIT scans, fragmented
# probes, version and OS detection over IPv4 and IPv6, and ICMP echo/timestamp/netmask host discovery.
# These are the odd packets real captures hold (window scale options outside a SYN, ICMP errors quoting
# UDP probes, RSTs to bare ACKs) that a browser of real traffic must number and label as tshark does.
set -euo pipefail
out=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns nmapA nmapB nmapa nmapb 10.77.0.1/24 10.77.0.2/24 fd77::1/64 fd77::2/64
ip netns exec nmapB python3 -m http.server 80 --bind :: >/dev/null 2>&1 &
echo $! >"$W"/http.pid
# banner services: send a greeting line and close, as SSH, FTP and SMTP servers greet
ip netns exec nmapB python3 -c '
import socket, threading, time
def serve(port, banner):
    s = socket.socket(socket.AF_INET6); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::", port)); s.listen(16)
    while True:
        c, _ = s.accept()
        try:
            c.sendall(banner); time.sleep(0.05)
        except OSError:
            pass
        c.close()
for port, banner in ((21, b"220 ProFTPD Server ready.\r\n"), (22, b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"), (25, b"220 mail ESMTP Postfix\r\n")):
    threading.Thread(target=serve, args=(port, banner), daemon=True).start()
time.sleep(600)' &
echo $! >"$W"/banners.pid
sleep 1
ip netns exec nmapA tcpdump -i nmapa -w "$out" -U -s 0 2>/dev/null &
echo $! >"$W"/tcpdump.pid
sleep 1
scan() { ip netns exec nmapA nmap -n -Pn --max-retries 1 "$@" >/dev/null 2>&1 || true; }
scan -sS -p 20-26,53,80,443 10.77.0.2
scan -sT -p 21,22,23,80 10.77.0.2
for t in -sF -sX -sN -sA -sM -sW; do scan "$t" --max-retries 0 -p 22,23 10.77.0.2; done
scan -sU -p 53,123,161 10.77.0.2
scan -sO -p 1,6,17,47,132 10.77.0.2
scan -sY -p 80,3868 10.77.0.2
scan -sS -f -p 22,23 10.77.0.2
scan -sS -g 53 --data-length 20 -p 80 10.77.0.2
scan -sV --version-light -p 21,22,25,80 10.77.0.2
scan -O -p 22,23 10.77.0.2
scan -6 -sS -p 22,80,81 fd77::2
ip netns exec nmapA nmap -n -sn -PE -PP -PM 10.77.0.2 >/dev/null 2>&1 || true
sleep 1
