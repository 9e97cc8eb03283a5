#!/usr/bin/env bash
# lab__smb-samba.sh OUT.pcap — records Samba 4.17's smbd (Debian) and smbclient in two namespaces: a guest session
# over SMB 3.1.1 (DFS referral on IPC$, directory listings, a download, an upload, mkdir, rename, delete, rmdir),
# an authenticated session (NTLMSSP) reading a larger file and asking all file information, a session forced to
# SMB 2.1 asking for encryption it cannot have, a tree connect to a share that does not exist, a wrong password
# (STATUS_LOGON_FAILURE) and a share listing over the srvsvc pipe (DCE/RPC over SMB2).
set -euo pipefail
out=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns smbA smbB smba smbb 10.83.0.1/24 10.83.0.2/24
chmod 755 "$W"
mkdir -p "$W"/share "$W"/state "$W"/priv "$W"/lock "$W"/cache "$W"/run
printf 'hello over smb\n' >"$W"/share/hello.txt
head -c 20000 /dev/urandom >"$W"/share/big.bin
chmod -R a+rwX "$W"/share
cat >"$W"/smb.conf <<CONF
[global]
  server role = standalone server
  interfaces = smbb
  bind interfaces only = yes
  state directory = $W/state
  private dir = $W/priv
  lock directory = $W/lock
  cache directory = $W/cache
  pid directory = $W/run
  ncalrpc dir = $W/run/ncalrpc
  log file = $W/smb.log
  map to guest = Bad User
  disable netbios = yes
  smb ports = 445
  server min protocol = SMB2_02
[pub]
  path = $W/share
  guest ok = yes
  read only = no
  force user = root
CONF
printf 'labpass\nlabpass\n' | smbpasswd -c "$W"/smb.conf -a -s root >/dev/null 2>&1 || true
ip netns exec smbB smbd --foreground -s "$W"/smb.conf >/dev/null 2>&1 & echo $! >"$W"/smbd.pid
sleep 2
ip netns exec smbA tcpdump -i smba -w "$out" -U -s 0 2>/dev/null & echo $! >"$W"/tcpdump.pid
sleep 1
s() { timeout 20 ip netns exec smbA smbclient -s "$W"/smb.conf "$@" >/dev/null 2>&1 || true; }
cd "$W"
s //10.83.0.2/pub -N -c 'ls; get hello.txt /dev/null; put hello.txt up.txt; mkdir d; rename up.txt d/up2.txt; ls d/*; del d/up2.txt; rmdir d'
s //10.83.0.2/pub -U root%labpass -m SMB3 -c 'get big.bin /dev/null; allinfo hello.txt'
s //10.83.0.2/pub -U root%labpass -m SMB2 --option='clientsmbencrypt=required' -c 'ls'
s //10.83.0.2/nosuch -N -c 'ls'
s //10.83.0.2/pub -U root%wrong -c 'ls'
s -L //10.83.0.2 -N
sleep 1
