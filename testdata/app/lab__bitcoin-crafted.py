#!/usr/bin/env python3
"""Writes lab__bitcoin-crafted.pcap: Bitcoin P2P messages python-bitcoinlib does not send, laid out byte by byte from
the protocol documentation (developer.bitcoin.org's P2P network reference): testnet3's magic, bodies cut short for
every command packet-bitcoin.c reads (version of several protocol versions, addr, inv, getdata, notfound, getblocks,
getheaders, tx, block, headers, ping, pong, reject, filterload, filteradd, merkleblock), counts that run past the
body, 0xfd/0xfe/0xff CompactSize counts, a script length past 2^31, a malformed message between two good ones in one
segment, commands with no NUL or with bytes after it, unknown commands, bodies longer than their handler reads, and
a segment with an unknown magic (not claimed, so TCP). tshark 4.0.17 on the output is the oracle.
Usage: python3 lab__bitcoin-crafted.py OUT.pcap"""
import hashlib
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, write_pcap

C, S = bytes([10, 7, 0, 1]), bytes([10, 7, 0, 2])
MACS = {C: b"\x02\0\0\0\0\x01", S: b"\x02\0\0\0\0\x02"}
MAIN, TEST3 = bytes.fromhex("f9beb4d9"), bytes.fromhex("0b110907")
fr = []


def msg(cmd, body=b"", magic=MAIN):
    h = hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4]
    return magic + cmd + b"\0" * (12 - len(cmd)) + struct.pack("<I", len(body)) + h + body


def netaddr(ip=b"\0" * 10 + b"\xff\xff" + bytes([10, 7, 0, 2]), port=8333):
    return struct.pack("<Q", 1) + ip + struct.pack(">H", port)


def version(v, ua=b"/x/", tail=b"\0\0\0\0\x01"):
    b = struct.pack("<IQq", v, 1, 1700000000) + netaddr()
    if v >= 106:
        b += netaddr() + struct.pack("<Q", 7) + bytes([len(ua)]) + ua
    return b + tail


tx = struct.pack("<I", 1) + b"\x01" + b"\x11" * 32 + struct.pack("<I", 0) + b"\x01\x51" + b"\xff" * 4 + \
    b"\x01" + struct.pack("<q", 5000) + b"\x01\x51" + struct.pack("<I", 0)
hdr80 = struct.pack("<I", 1) + b"\0" * 64 + struct.pack("<III", 1700000000, 0x1d00ffff, 7)

c = TCPConn(fr, MACS, C, S, 40001, 18333)
cases = [
    (C, msg(b"version", version(70015), TEST3)),
    (S, msg(b"version", version(100, tail=b""), TEST3)),  # before 106: no addr_me, nonce, user agent
    (C, msg(b"version", version(209, tail=b"\0\0\0\0"), TEST3)),
    (S, msg(b"version", version(70015)[:50], TEST3)),  # cut
    (C, msg(b"version", version(70015, tail=b"\0\0\0\0"), TEST3)),  # relay flag missing
    (C, msg(b"version", b"\x7f\x11", TEST3)),
    (S, msg(b"version", b"", TEST3)),
    (C, msg(b"addr", b"\x02" + struct.pack("<I", 1) + netaddr(), TEST3)),  # count 2, one address
    (C, msg(b"addr", b"", TEST3)),
    (S, msg(b"inv", b"\x01" + struct.pack("<I", 1) + b"\x22" * 31, TEST3)),
    (S, msg(b"inv", b"\xfd\x01\x00" + struct.pack("<I", 2) + b"\x22" * 32, TEST3)),
    (S, msg(b"inv", b"\xfe\x01\x00\x00\x00" + struct.pack("<I", 2) + b"\x22" * 32 + b"extra", TEST3)),
    (S, msg(b"inv", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff" + struct.pack("<I", 2) + b"\x22" * 32, TEST3)),
    (S, msg(b"inv", b"\xfd\x01", TEST3)),
    (C, msg(b"getdata", b"\x00", TEST3)),
    (C, msg(b"getdata", b"\x03" + struct.pack("<I", 1) + b"\x33" * 32, TEST3)),
    (S, msg(b"notfound", b"\x01", TEST3)),
    (C, msg(b"getblocks", struct.pack("<I", 70015) + b"\x01" + b"\0" * 32 + b"\0" * 32, TEST3)),
    (C, msg(b"getblocks", struct.pack("<I", 70015) + b"\x01" + b"\0" * 32, TEST3)),  # no stop hash
    (C, msg(b"getheaders", struct.pack("<I", 70015) + b"\x00" + b"\0" * 32, TEST3)),
    (C, msg(b"getheaders", struct.pack("<I", 70015), TEST3)),
    (S, msg(b"tx", tx, TEST3)),
    (S, msg(b"tx", tx[:-3], TEST3)),
    (S, msg(b"tx", tx[:40], TEST3)),
    (S, msg(b"tx", struct.pack("<I", 1) + b"\x01" + b"\x11" * 36 + b"\xfe\xff\xff\xff\x7f", TEST3)),  # script past 2^31
    (S, msg(b"tx", struct.pack("<I", 1) + b"\x00" + b"\x01" + struct.pack("<q", 1) + b"\xff" + b"\xff" * 8, TEST3)),
    (S, msg(b"block", hdr80 + b"\x01" + tx, TEST3)),
    (S, msg(b"block", hdr80 + b"\x02" + tx, TEST3)),  # two transactions, one there
    (S, msg(b"block", hdr80[:60], TEST3)),
    (S, msg(b"headers", b"\x01" + hdr80 + b"\x00", TEST3)),
    (S, msg(b"headers", b"\x02" + hdr80 + b"\x00" + hdr80, TEST3)),
    (C, msg(b"ping", struct.pack("<Q", 5), TEST3)),
    (C, msg(b"ping", b"\x01\x02\x03", TEST3)),
    (S, msg(b"pong", b"", TEST3)),
    (S, msg(b"reject", b"\x02tx\x10\x05hello" + b"\x44" * 32, TEST3)),
    (S, msg(b"reject", b"\x02tx\x10\x09hello", TEST3)),
    (S, msg(b"reject", b"\x05tx", TEST3)),
    (C, msg(b"filterload", b"\x02\xaa\xbb" + struct.pack("<IIB", 5, 9, 1), TEST3)),
    (C, msg(b"filterload", b"\x02\xaa\xbb" + struct.pack("<II", 5, 9), TEST3)),
    (C, msg(b"filteradd", b"\x03abc", TEST3)),
    (C, msg(b"filteradd", b"\x08abc", TEST3)),
    (C, msg(b"filterclear", b"", TEST3)),
    (S, msg(b"merkleblock", hdr80 + struct.pack("<I", 1) + b"\x01" + b"\x55" * 32 + b"\x01\x01", TEST3)),
    (S, msg(b"merkleblock", hdr80 + struct.pack("<I", 1) + b"\x02" + b"\x55" * 32, TEST3)),
    (S, msg(b"alert", b"\x01\x02", TEST3)),
    (S, msg(b"checkorder", b"", TEST3)),
    (C, msg(b"verack", b"junk", TEST3)),  # a body on an empty message
    (C, msg(b"wtxidrelay", b"", TEST3)),
    (C, msg(b"addrv2", b"\x00", TEST3)),
    (C, TEST3 + b"pingpongping" + struct.pack("<I", 8) + b"\0" * 4 + b"\0" * 8),  # no NUL
    (C, TEST3 + b"ping\0xyz\0\0\0\0" + struct.pack("<I", 8) + b"\0" * 4 + b"\0" * 8),  # bytes after the NUL
    (C, TEST3 + b"Ping\0\0\0\0\0\0\0\0" + struct.pack("<I", 0) + b"\0" * 4),
    (C, msg(b"ping", struct.pack("<Q", 1), TEST3) + msg(b"tx", b"\x01", TEST3) + msg(b"pong", struct.pack("<Q", 1), TEST3)),
    (S, msg(b"getaddr", b"", MAIN)),  # another network's magic in the same conversation
]
for src, payload in cases:
    c.send(src, payload)

# a conversation whose first bytes are not a Bitcoin magic: plain TCP
d = TCPConn(fr, MACS, C, S, 40002, 8333)
d.send(C, b"\x01\x02\x03\x04" + msg(b"ping", struct.pack("<Q", 1))[4:])
d.send(S, msg(b"pong", struct.pack("<Q", 1)))
write_pcap(sys.argv[1], 1, fr)
