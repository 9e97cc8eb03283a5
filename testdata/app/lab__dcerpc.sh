#!/bin/bash
# Makes lab__dcerpc.pcap: real connection-oriented DCE/RPC between two network namespaces joined by a veth pair,
# captured on the client's end. Samba 4.17 (Debian 12's samba package, an smb.conf written here with one local user)
# serves SMB on 10.12.0.2:445 (smbd) and the RPC services on TCP (samba-dcerpcd run standalone: the endpoint mapper on
# 135 and dynamic ports from 49152). rpcclient (Debian's smbclient package) calls them twice:
#  - ncacn_np over SMB3: named pipes srvsvc, wkssvc and lsarpc opened on IPC$, Bind/Bind_ack and the calls in
#    FSCTL_PIPE_TRANSCEIVE Ioctls and Writes/Reads (srvinfo: NetSrvGetInfo; netshareenumall; netsharegetinfo of a
#    share and of a missing one: WERR_INVALID_NAME; wkssvc_wkstagetinfo; lsaquery; lookupnames; getusername);
#  - ncacn_ip_tcp with NTLMSSP (integrity): EPM Map on 135 for each interface, then Bind (NTLMSSP_NEGOTIATE),
#    Bind_ack (CHALLENGE), AUTH3 on the dynamic port; getusername (LSARPC, answered by a Fault:
#    nca_s_fault_access_denied), querydominfo (SAMR), epmmap (EPM Map returning two towers).
# Needs root, samba, smbclient and tcpdump (Debian packages).
# Usage: bash lab__dcerpc.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns dca dcb da db 10.12.0.1/24 10.12.0.2/24
chmod 755 "$W"
mkdir -p "$W/share" "$W/run" "$W/lock" "$W/state" "$W/cache" "$W/private"
cat > "$W/smb.conf" <<CONF
[global]
	workgroup = LAB
	netbios name = LABSRV
	server string = ladder lab
	security = user
	passdb backend = tdbsam:$W/private/passdb.tdb
	interfaces = 10.12.0.2/24
	bind interfaces only = yes
	smb ports = 445
	pid directory = $W/run
	lock directory = $W/lock
	state directory = $W/state
	cache directory = $W/cache
	private dir = $W/private
	ncalrpc dir = $W/ncalrpc
	log file = $W/log.%m
	load printers = no
	printcap name = /dev/null
	disable spoolss = yes
	rpc start on demand helpers = no
[share]
	path = $W/share
	comment = lab share
	read only = no
CONF
cat > "$W/client.conf" <<CONF
[global]
	workgroup = LAB
	pid directory = $W/run
	lock directory = $W/lock
	state directory = $W/state
	cache directory = $W/cache
	private dir = $W/private
	ncalrpc dir = $W/ncalrpc
CONF
printf 'Lab0pass!\nLab0pass!\n' | smbpasswd -c "$W/smb.conf" -a -s root >/dev/null 2>&1
# setsid: Samba's daemons signal their process group when they stop, which would end this script before its cleanup
ip netns exec dcb setsid /usr/libexec/samba/samba-dcerpcd --foreground --libexec-rpcds --configfile="$W/smb.conf" >/dev/null 2>&1 &
echo $! > "$W/dcerpcd.pid"
ip netns exec dcb setsid smbd --foreground --no-process-group --configfile="$W/smb.conf" >/dev/null 2>&1 &
echo $! > "$W/smbd.pid"
ip netns exec dca tcpdump -i da -U -w "$OUT" -s 0 'tcp' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 4
C="ip netns exec dca"
$C rpcclient -s "$W/client.conf" -U 'root%Lab0pass!' -m SMB3 10.12.0.2 \
	-c 'srvinfo; netshareenumall; netsharegetinfo share; netsharegetinfo nosuch; wkssvc_wkstagetinfo; lsaquery; lookupnames root; getusername' \
	>/dev/null 2>&1 || true
$C rpcclient -s "$W/client.conf" -U 'root%Lab0pass!' 'ncacn_ip_tcp:10.12.0.2[sign]' -c 'getusername; querydominfo; epmmap' \
	>/dev/null 2>&1 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
