#!/bin/bash
# Makes lab__memcached.pcap: real memcached traffic between memcached 1.6.18 (Debian 12's package, TCP and UDP port
# 11211) and clients written with python3's standard library (socket only), in two network namespaces joined by a
# veth pair, captured on the client's end. Text protocol over TCP: set/add/replace/append/prepend/cas and their
# STORED, NOT_STORED, EXISTS replies, get and gets of one and several keys (VALUE ... END), a value larger than a
# segment (the reply spans several), a set and a get sent in two parts, incr/decr, touch, delete (DELETED, NOT_FOUND), version, an unknown command
# (ERROR), several commands pipelined in one segment, verbosity, flush_all, stats (a long multi-line reply) and
# quit. Binary protocol over TCP: get, getk, set, add (exists), delete, increment, noop, version, stat, a quiet get and a noop in one segment, and quit.
# Text over UDP with the 8-byte frame header: set and get. Needs root, memcached, python3 and tcpdump (Debian
# packages). Usage: bash lab__memcached.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns iotma iotmb ima imb 10.32.0.1/24 10.32.0.2/24
# no segmentation offload: the capture shows the segments a long value really takes
ip netns exec iotma ethtool -K ima tso off gso off gro off >/dev/null 2>&1 || true
ip netns exec iotmb ethtool -K imb tso off gso off gro off >/dev/null 2>&1 || true
ip netns exec iotma tcpdump -i ima -U -w "$OUT" -s 0 'port 11211' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec iotmb memcached -u nobody -l 10.32.0.2 -p 11211 -U 11211 &
echo $! > "$W/memcached.pid"
sleep 1.5
ip netns exec iotma python3 - 10.32.0.2 <<'PY'
import socket, struct, sys, time
host = sys.argv[1]

def text(cmds, gap=0.05):
    s = socket.create_connection((host, 11211))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for c in cmds:
        for part in (c if isinstance(c, tuple) else (c,)):
            s.sendall(part)
            time.sleep(gap)
        s.settimeout(0.3)
        try:
            while s.recv(65536):
                pass
        except socket.timeout:
            pass
    s.close()

big = b"x" * 5000
text([
    b"set greeting 0 0 5\r\nhello\r\n",
    b"get greeting\r\n",
    b"add greeting 0 0 3\r\nabc\r\n",
    b"replace greeting 5 900 6\r\nworld!\r\n",
    b"append greeting 0 0 1\r\n?\r\n",
    b"prepend greeting 0 0 1\r\n>\r\n",
    b"gets greeting\r\n",
    b"get greeting missing other\r\n",
    b"set counter 0 0 2\r\n10\r\nincr counter 5\r\n",
    b"decr counter 100\r\n",
    b"incr nothing 1\r\n",
    b"cas greeting 0 0 3 1\r\nxyz\r\n",
    b"touch greeting 60\r\n",
    b"set big 0 0 %d\r\n" % len(big) + big + b"\r\n",
    b"get big\r\n",
    (b"set split 0 0 10\r\n01234", b"56789\r\n"),
    (b"get split big", b" greeting\r\n"),
    b"delete counter\r\n",
    b"delete counter\r\n",
    b"version\r\n",
    b"bogus command\r\n",
    b"set a 1 0 1 noreply\r\n1\r\nget a greeting\r\nversion\r\n",
    b"verbosity 1\r\n",
    b"stats\r\n",
    b"flush_all\r\n",
    b"quit\r\n",
])

def binreq(op, key=b"", value=b"", extras=b"", opaque=0, cas=0):
    return struct.pack("!BBHBBHIIQ", 0x80, op, len(key), len(extras), 0, 0, len(extras) + len(key) + len(value), opaque, cas) + extras + key + value

text([
    binreq(0x01, b"bkey", b"binary value", struct.pack("!II", 0xdeadbeef, 0), opaque=1),  # set
    binreq(0x00, b"bkey", opaque=2),                                                      # get
    binreq(0x0c, b"bkey", opaque=3),                                                      # getk
    binreq(0x00, b"nokey", opaque=4),                                                     # get miss
    binreq(0x02, b"bkey", b"v", struct.pack("!II", 0, 0), opaque=5),                      # add: exists
    binreq(0x05, b"bnum", extras=struct.pack("!QQI", 3, 100, 0), opaque=6),               # increment (creates)
    binreq(0x05, b"bnum", extras=struct.pack("!QQI", 3, 100, 0), opaque=7),               # increment
    binreq(0x04, b"bkey", opaque=8),                                                      # delete
    binreq(0x0a, opaque=9),                                                               # noop
    binreq(0x0b, opaque=10),                                                              # version
    binreq(0x10, b"slabs", opaque=11),                                                    # stat slabs
    binreq(0x09, b"nokey", opaque=12) + binreq(0x0a, opaque=13),                          # getq miss, noop: one segment
    binreq(0x07, opaque=14),                                                              # quit
])

u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.settimeout(0.5)
for rid, cmd in ((1, b"set udpkey 0 0 3\r\nudp\r\n"), (2, b"get udpkey\r\n"), (3, b"get nothere\r\n")):
    u.sendto(struct.pack("!HHHH", rid, 0, 1, 0) + cmd, (host, 11211))
    try:
        u.recvfrom(65536)
    except socket.timeout:
        pass
PY
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
