#!/bin/bash
# Makes lab__onc-rpc.pcap: real ONC-RPC between two network namespaces joined by a veth pair, captured on the
# client's end. Server namespace: rpcbind and NFS-Ganesha (userspace NFSv3/NFSv4 server with the VFS backend; the
# kernel here has no nfsd). Client namespace: rpcinfo (portmapper DUMP over TCP, GETPORT and NULL calls over UDP and
# TCP, a call to an unregistered program), lab__onc-rpc-client.py beside this script (two records in one segment,
# one record over two segments, a retransmitted UDP call, a call to an unknown program) and libnfs's nfs-ls/nfs-cat/nfs-cp (MOUNT, NFSv3 and NFSv4 over TCP:
# lookups, attributes, a 30 kB read that spans many segments, a write). Needs root, rpcbind, nfs-ganesha,
# nfs-ganesha-vfs, libnfs-utils and tcpdump (Debian packages).
# Usage: bash lab__onc-rpc.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
LAB_STOP_WAIT=1 # rpcbind and Ganesha get a second to stop (the other labs half a second)
. "$(dirname "$0")/lab-netns.sh"
lab_netns rpa rpb ra rb 10.8.0.1/24 10.8.0.2/24
chmod 755 "$W"
mkdir -p "$W/export/docs" "$W/run"
printf 'hello from ladder nfs\n' > "$W/export/hello.txt"
head -c 30000 /dev/zero | tr '\0' 'x' > "$W/export/big.bin"
printf 'to be copied\n' > "$W/local.txt"
chmod -R a+rwX "$W/export"
cat > "$W/ganesha.conf" <<CONF
NFS_CORE_PARAM { Protocols = 3, 4; Enable_NLM = false; Enable_RQUOTA = false; Bind_addr = 10.8.0.2; Mount_Path_Pseudo = true; }
NFSV4 { Graceless = true; }
EXPORT {
	Export_Id = 1; Path = $W/export; Pseudo = /export; Access_Type = RW; Squash = No_Root_Squash;
	Protocols = 3, 4; Transports = UDP, TCP; SecType = sys;
	FSAL { Name = VFS; }
}
LOG { Default_Log_Level = WARN; }
CONF
ip netns exec rpb rpcbind -f -w &
echo $! > "$W/rpcbind.pid"
sleep 1
ip netns exec rpb ganesha.nfsd -F -f "$W/ganesha.conf" -L "$W/ganesha.log" -p "$W/run/g.pid" &
echo $! > "$W/ganesha.pid"
sleep 4
ip netns exec rpa tcpdump -i ra -U -w "$OUT" -s 0 'not port 5353 and not arp and not icmp6' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
# the clients run unprivileged: as root, libnfs and rpcinfo bind reserved ports that tshark gives to other
# protocols (NCP 524, DHCP failover 647, AgentX 705)
C="ip netns exec rpa setpriv --reuid=65534 --regid=65534 --clear-groups"
$C rpcinfo -p 10.8.0.2 || true
ip netns exec rpa python3 "$(dirname "$0")/lab__onc-rpc-client.py" 10.8.0.2 || true
$C rpcinfo -u 10.8.0.2 100003 3 || true
$C rpcinfo -t 10.8.0.2 100005 3 || true
$C rpcinfo -u 10.8.0.2 100005 1 || true
$C rpcinfo -u 10.8.0.2 100099 1 || true
$C rpcinfo -T udp 10.8.0.2 100003 || true
$C nfs-ls "nfs://10.8.0.2/export/?version=3" || true
$C nfs-cat "nfs://10.8.0.2/export/hello.txt?version=3" || true
$C nfs-cat "nfs://10.8.0.2/export/big.bin?version=3" > /dev/null || true
$C nfs-cp "$W/local.txt" "nfs://10.8.0.2/export/docs/copy.txt?version=3" || true
$C nfs-cat "nfs://10.8.0.2/export/missing.txt?version=3" || true
$C nfs-ls "nfs://10.8.0.2/export/?version=4" || true
$C nfs-cat "nfs://10.8.0.2/export/hello.txt?version=4" || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
cat "$W/ganesha.log" >&2 || true
