#!/usr/bin/env python3
"""Writes lab__openflow-crafted.pcap: OpenFlow messages of every version
tshark 4.0 knows (1.0 to 1.5) and some it does not, sent over two TCP
connections to the IANA port 6653, byte for byte as the OpenFlow
specifications lay them out (header: version, type, length, xid). The
capture checks ladder's version-dependent type names, several messages in
one segment, one message across two segments
against tshark 4.0.17. Run: python3 lab__openflow-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import ipv4, tcp_segment

def seg(src, dst, sport, dport, seq, ack, flags, payload):
    src, dst = bytes(src), bytes(dst)
    tcp = tcp_segment(src, dst, sport, dport, seq, ack, flags, payload)
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ipv4(src, dst, 6, tcp, frag=0)

def of(version, typ, body=b"", xid=1):
    n = 8 + len(body)
    return struct.pack("!BBHI", version, typ, n, xid) + body

C, S = [10, 0, 0, 1], [10, 0, 0, 2]
SYN, ACK, PSH = 0x02, 0x10, 0x08
pkts = []

def conv(cport, steps):
    """steps: (from_client, payload) after a handshake to port 6653."""
    cs, ss = 1000, 5000
    pkts.append(seg(C, S, cport, 6653, cs, 0, SYN, b""))
    pkts.append(seg(S, C, 6653, cport, ss, cs + 1, SYN | ACK, b""))
    cs += 1; ss += 1
    pkts.append(seg(C, S, cport, 6653, cs, ss, ACK, b""))
    for fromc, pay in steps:
        if fromc:
            pkts.append(seg(C, S, cport, 6653, cs, ss, PSH | ACK, pay)); cs += len(pay)
        else:
            pkts.append(seg(S, C, 6653, cport, ss, cs, PSH | ACK, pay)); ss += len(pay)

stats = lambda t: struct.pack("!HH", t, 0)            # OpenFlow 1.0 ofp_stats_request/reply head
mp = lambda t: struct.pack("!HH4x", t, 0)             # 1.3+ ofp_multipart_request/reply head
features10 = struct.pack("!QIB3xII", 0x1122334455667788, 256, 2, 0xc7, 0xfff)
conv(40001, [
    (False, of(1, 0)),                                  # 1.0 HELLO from the switch's controller side
    (True, of(1, 0) + of(1, 5, xid=2)),                 # two messages in one segment
    (False, of(1, 6, features10, xid=2)),               # FEATURES_REPLY
    (True, of(1, 16, stats(0), xid=3)),                 # STATS_REQUEST desc
    (False, of(1, 17, stats(1), xid=3)),                # STATS_REPLY flow
    (True, of(1, 16, stats(0xffff), xid=4)),            # vendor stats
    (False, of(1, 21, b"\0" * 8, xid=5)[:6]),           # first 6 bytes of a QUEUE_GET_CONFIG_REPLY
    (False, of(1, 21, b"\0" * 8, xid=5)[6:]),           # and its rest
    (True, of(1, 22, xid=6)),                           # a type 1.0 has no name for
    (True, of(2, 0, xid=7)),                            # 1.1 HELLO
    (False, of(3, 2, xid=8)),                           # 1.2 ECHO_REQUEST
    (True, of(7, 0, xid=9)),                            # a version tshark does not know
])
conv(40002, [
    (True, of(5, 0)),                                   # 1.4 HELLO
    (False, of(5, 18, mp(0), xid=2)),                   # 1.4 MULTIPART_REQUEST desc
    (True, of(5, 19, mp(13), xid=2)),                   # 1.4 MULTIPART_REPLY port desc, no ports
    (False, of(5, 33, b"\0" * 8, xid=3)),               # BUNDLE_CONTROL
    (True, of(6, 20, xid=4)),                           # 1.5 BARRIER_REQUEST
    (False, of(6, 18, mp(18), xid=5)),                  # 1.5 MULTIPART_REQUEST controller status
    (True, of(4, 19, mp(13), xid=6)),                   # 1.3 MULTIPART_REPLY port desc, no ports
    (False, of(4, 18, mp(200), xid=6)),                 # 1.3 MULTIPART_REQUEST of an unknown kind
    (False, of(4, 50, xid=7)),                          # 1.3 type without a name
    (True, of(4, 2, xid=8) + of(4, 3, xid=8)),          # 1.3 ECHO_REQUEST and REPLY in one segment
])

with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(pkts):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)
