#!/usr/bin/env bash
# lab__ftp-ssh.sh OUT.pcap — records vsftpd 3.0 and OpenSSH 9.2 (Debian) in one namespace and curl and ssh in the
# other: anonymous FTP downloads over EPSV, PASV and active (EPRT) data connections, a directory listing, FTP over
# IPv6, a missing file, a refused login; an SSH session with key authentication running a command, an SSH login
# refused (publickey only), and one forced to classic Diffie-Hellman group 14 with aes128-ctr and hmac-sha2-256.
set -euo pipefail
out=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns ftpA ftpB ftpa ftpb 10.81.0.1/24 10.81.0.2/24 fd81::1/64 fd81::2/64
chmod 755 "$W"
mkdir -p "$W"/pub "$W"/empty
printf 'hello from the lab\n' >"$W"/pub/hello.txt
head -c 20000 /dev/urandom >"$W"/pub/blob.bin
chmod -R a+rX "$W"/pub
cat >"$W"/vsftpd.conf <<CONF
listen=NO
listen_ipv6=YES
anonymous_enable=YES
anon_root=$W/pub
no_anon_password=YES
write_enable=YES
anon_upload_enable=NO
secure_chroot_dir=$W/empty
pasv_min_port=40000
pasv_max_port=40010
port_enable=YES
background=NO
ftpd_banner=lab FTP ready.
CONF
ip netns exec ftpB vsftpd "$W"/vsftpd.conf & echo $! >"$W"/vsftpd.pid
# OpenSSH server with a throwaway host key and a key-authenticated user (root, key only)
ssh-keygen -q -t ed25519 -N '' -f "$W"/hostkey
ssh-keygen -q -t ed25519 -N '' -f "$W"/userkey
cat "$W"/userkey.pub >"$W"/authorized
cat >"$W"/sshd_config <<CONF
Port 22
HostKey $W/hostkey
PidFile $W/sshd.pid2
AuthorizedKeysFile $W/authorized
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
CONF
mkdir -p /run/sshd
ip netns exec ftpB /usr/sbin/sshd -D -f "$W"/sshd_config & echo $! >"$W"/sshd.pid
sleep 1
ip netns exec ftpA tcpdump -i ftpa -w "$out" -U -s 0 2>/dev/null & echo $! >"$W"/tcpdump.pid
sleep 1
c() { ip netns exec ftpA "$@" >/dev/null 2>&1 || true; }
c curl -s --max-time 5 ftp://10.81.0.2/hello.txt
c curl -s --max-time 5 ftp://10.81.0.2/
c curl -s --max-time 5 -P - ftp://10.81.0.2/hello.txt
c curl -s --max-time 5 --disable-epsv ftp://10.81.0.2/blob.bin
c curl -s --max-time 5 "ftp://[fd81::2]/hello.txt"
c curl -s --max-time 5 ftp://10.81.0.2/missing.txt
c curl -s --max-time 5 -u nobody:wrong ftp://10.81.0.2/
c ssh -i "$W"/userkey -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes root@10.81.0.2 'echo hi; uname -s'
c ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o PubkeyAuthentication=no nobody@10.81.0.2 true
c ssh -i "$W"/userkey -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o KexAlgorithms=diffie-hellman-group14-sha256 -o Ciphers=aes128-ctr -o MACs=hmac-sha2-256 root@10.81.0.2 true
sleep 1
