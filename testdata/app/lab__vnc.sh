#!/bin/sh
# lab__vnc.sh OUT.pcap makes lab__vnc.pcap: TigerVNC's Xvnc 1.12 (Debian 12's tigervnc-standalone-server) with a
# 32x24 desktop in a fresh network namespace, recorded on its loopback by tcpdump, and the RFB client in lab__vnc/
# (a small Go program written here) that:
#   1. logs in with VNC Authentication (the password from vncpasswd), sends ClientInit, reads ServerInit, sets a
#      pixel format and encodings, asks for a full framebuffer update (Raw), sends a key press and release and
#      pointer events, and asks for an incremental update;
#   2. tries a wrong password (the server's SecurityResult says failed, with a reason).
# Run as root (it uses unshare) from this directory.
set -eu
out=$(realpath "${1:-lab__vnc.pcap}")
dir=$(mktemp -d)
(cd lab__vnc && go build -o "$dir/client" .)
printf 'labpass\nlabpass\nn\n' | vncpasswd "$dir/passwd" >/dev/null 2>&1 || echo labpass | vncpasswd -f >"$dir/passwd"
unshare -n sh -c "
ip link set lo up
Xvnc :1 -rfbport 5900 -interface 127.0.0.1 -geometry 32x24 -depth 24 -SecurityTypes VncAuth -PasswordFile $dir/passwd \
	-AlwaysShared -desktop lab >$dir/xvnc.log 2>&1 & x=\$!
sleep 2
tcpdump -i lo -s 0 -U -w $out tcp port 5900 2>/dev/null & t=\$!
sleep 1
$dir/client -addr 127.0.0.1:5900 -password labpass || true
sleep 0.5
$dir/client -addr 127.0.0.1:5900 -password wrongpw || true
sleep 1
kill \$t \$x
"
rm -rf "$dir"
