#!/usr/bin/env python3
"""Makes lab__bittorrent-crafted.pcap: BitTorrent peer wire messages the real swarm of lab__bittorrent.sh did not
send, laid out per BEP 3 (Choke, Have, Bitfield, Cancel, Port, keep-alive), BEP 6 (Suggest Piece, Reject Request,
Allowed Fast), BEP 10 (an extension message with ID 3) and the Azureus Messaging Protocol (a message named by
string: AZ_PEER_EXCHANGE, JPC_HELLO, JPC_REPLY, and BT_HAVE, whose length does not suit Have), on TCP port 50000
(so only the handshake heuristic finds it), then bytes that are no message: an unknown type, a length alone at a
segment's end, a Piece too short for its header; then extension handshakes whose bencoding is odd. Python 3 stdlib only. Usage: python3 lab__bittorrent-crafted.py OUT"""
import struct
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum


def frame(src, dst, sp, dp, seq, ack, pay, flags=0x18):
    tcp = struct.pack('!HHIIBBHHH', sp, dp, seq, ack, 5 << 4, flags, 65535, 0, 0)
    ph = bytes(src) + bytes(dst) + struct.pack('!BBH', 0, 6, len(tcp) + len(pay))
    tcp = tcp[:16] + struct.pack('!H', csum(ph + tcp + pay)) + tcp[18:]
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp) + len(pay), 1, 0x4000, 64, 6, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    mac = {1: b'\x02\0\0\0\0\1', 2: b'\x02\0\0\0\0\2'}
    return mac[dst[3]] + mac[src[3]] + b'\x08\x00' + ip + tcp + pay


def msg(typ, body=b''):
    return struct.pack('!IB', 1 + len(body), typ) + body


def amp(name, prio, body=b''):
    n = name.encode()
    return struct.pack('!II', 4 + len(n) + 1 + len(body), len(n)) + n + bytes([prio]) + body


C, S = [10, 78, 0, 1], [10, 78, 0, 2]
info_hash = bytes(range(0x40, 0x54))
hs = lambda pid: b'\x13BitTorrent protocol' + bytes.fromhex('0000000000100005') + info_hash + pid
steps = [
    (0, hs(b'-TR3000-ladder000001')),
    (1, hs(b'-lt0D80-ladder000002')),
    (0, msg(5, b'\xc0\x00') + msg(2)),
    (1, msg(4, struct.pack('!I', 5)) + msg(0) + msg(1) + struct.pack('!I', 0)),
    (0, msg(6, struct.pack('!III', 1, 0x4000, 0x4000)) + msg(8, struct.pack('!III', 1, 0x4000, 0x4000))),
    (1, msg(9, struct.pack('!H', 6881))),
    (1, msg(13, struct.pack('!I', 7)) + msg(16, struct.pack('!III', 2, 0, 0x4000)) + msg(17, struct.pack('!I', 3))),
    (0, msg(20, b'\x03d1:xi1ee')),
    (1, amp('AZ_PEER_EXCHANGE', 1, b'd4:infoi1ee')),
    (1, amp('JPC_HELLO', 2, struct.pack('!I', 8) + b'10.0.0.9' + struct.pack('!II', 8080, 0xdeadbeef))),
    (1, amp('JPC_REPLY', 0, struct.pack('!I', 0xdeadbeef))),
    (1, amp('BT_HAVE', 1, struct.pack('!I', 4))),
    (0, msg(0x63, b'\x01\x02')),
    (0, struct.pack('!I', 5)),
    (0, b'\x04\x00\x00\x00\x02'),
    (0, msg(15) + msg(14) + struct.pack('!IB', 1, 7)),
    # extension handshakes for the bencode walk: a list and negative and zero integers, a dictionary left open,
    # a string length with a leading zero, nesting deeper than tshark follows, an empty string, a bare integer
    (1, msg(20, b'\x00d1:ali1ei-2e3:xyzd1:bi0eee1:ni-7ee')),
    (1, msg(20, b'\x00d1:mi1e')),
    (1, msg(20, b'\x00d01:ai1ee')),
    (1, msg(20, b'\x00' + b'l' * 12 + b'e' * 12)),
    (1, msg(20, b'\x00d1:a0:e')),
    (1, msg(20, b'\x00i42e')),
]
frames = [frame(C, S, 40000, 50000, 0, 0, b'', 0x02), frame(S, C, 50000, 40000, 5000, 1, b'', 0x12),
          frame(C, S, 40000, 50000, 1, 5001, b'', 0x10)]
seq = {0: 1, 1: 5001}
for who, pay in steps:
    a, b, sp, dp = (C, S, 40000, 50000) if who == 0 else (S, C, 50000, 40000)
    frames.append(frame(a, b, sp, dp, seq[who], seq[1 - who], pay))
    seq[who] += len(pay)
with open(sys.argv[1], 'wb') as out:
    out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, f in enumerate(frames):
        out.write(struct.pack('<IIII', 1700000000 + i, 0, len(f), len(f)) + f)
