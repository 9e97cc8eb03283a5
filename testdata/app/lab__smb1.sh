#!/bin/bash
# Makes lab__smb1.pcap: real NetBIOS session service and SMB1 between two network namespaces joined by a veth pair,
# captured on the client's end. Samba 4.17's smbd (Debian 12's samba package, a guest share and "server min
# protocol = NT1" in an smb.conf written here) serves on 10.11.0.2 ports 139 and 445; smbclient (Debian's smbclient)
# connects: over 139 with -m NT1 (NetBIOS session request, SMB Negotiate Protocol, Session Setup AndX with NTLMSSP as
# a guest, Tree Connect AndX, Trans2 FIND_FIRST2 for ls, NT Create AndX, Write/Read AndX for put and get, Close,
# Tree Disconnect, Logoff), then over 445 with SMB1 allowed and SMB3 preferred (the SMB1 Negotiate Protocol Request
# listing SMB 2 dialects, answered in SMB2). Needs root, samba, smbclient and tcpdump (Debian packages).
# Usage: bash lab__smb1.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns sma smb sa sb 10.11.0.1/24 10.11.0.2/24
chmod 755 "$W"
mkdir -p "$W/share" "$W/run" "$W/lock" "$W/state" "$W/cache" "$W/private"
chmod 777 "$W/share"
printf 'ladder smb1 test file\n%.0s' {1..20} > "$W/share/hello.txt"
printf 'uploaded by smbclient\n' > "$W/up.txt"
cat > "$W/smb.conf" <<CONF
[global]
	workgroup = LAB
	netbios name = LABSRV
	server min protocol = NT1
	client min protocol = NT1
	security = user
	map to guest = Bad User
	interfaces = 10.11.0.2/24
	bind interfaces only = yes
	smb ports = 139 445
	pid directory = $W/run
	lock directory = $W/lock
	state directory = $W/state
	cache directory = $W/cache
	private dir = $W/private
	log file = $W/log.%m
	load printers = no
	printcap name = /dev/null
	disable spoolss = yes
[share]
	path = $W/share
	read only = no
	guest ok = yes
	force user = root
CONF
cat > "$W/client.conf" <<CONF
[global]
	workgroup = LAB
	client min protocol = NT1
	pid directory = $W/run
	lock directory = $W/lock
	state directory = $W/state
	cache directory = $W/cache
	private dir = $W/private
CONF
# setsid: smbd signals its whole process group when it stops, which would end this script before its cleanup
ip netns exec smb setsid smbd --foreground --no-process-group --configfile="$W/smb.conf" >/dev/null 2>&1 &
echo $! > "$W/smbd.pid"
ip netns exec sma tcpdump -i sa -U -w "$OUT" -s 0 'tcp port 139 or tcp port 445' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 3
C="ip netns exec sma"
(cd "$W" && $C smbclient -s "$W/client.conf" //10.11.0.2/share -N -p 139 -m NT1 -c 'ls; get hello.txt got.txt; put up.txt up.txt' >/dev/null 2>&1) || true
(cd "$W" && $C smbclient -s "$W/client.conf" //10.11.0.2/share -N -p 445 -m SMB3 -c 'ls' >/dev/null 2>&1) || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
