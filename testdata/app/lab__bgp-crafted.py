#!/usr/bin/env python3
"""BGP on TCP 179 as packet-bgp.c 4.0 frames it, for what a real speaker does not send: a capture that starts
inside a message (bytes before the marker, no marker at all, a marker split over segments), lengths shorter
than the header, every message type including CAPABILITY, Cisco ROUTE-REFRESH and unknown ones, and bodies cut
at each field of OPEN, UPDATE, NOTIFICATION, ROUTE-REFRESH (with ORFs) and CAPABILITY. Each case is one
connection from its own client port; the server answers with a KEEPALIVE. Writes lab__bgp-crafted.pcap."""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, write_pcap  # noqa: E402

CLIENT, SERVER = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
MACS = {CLIENT: bytes.fromhex("020000000001"), SERVER: bytes.fromhex("020000000002")}
MARKER = b"\xff" * 16


def msg(typ, body=b""):
    return MARKER + struct.pack("!HB", 19 + len(body), typ) + body


H = bytes.fromhex
KEEPALIVE = msg(4)
OPEN = msg(1, H("0400c800b40a0000010000"))

# framing: each case is the client's segments
FRAMING = [
    [b"garbage!"],
    [b"garbage!" + KEEPALIVE],
    [b"\x00\x01\x02" + KEEPALIVE + KEEPALIVE],
    [MARKER + b"\x00\x05\x04"],
    [MARKER + b"\x00\x13\x09"],
    [OPEN[:10]],
    [KEEPALIVE + OPEN[:25]],
    [b"\xff" * 10 + b"\x00" * 10],
    [b"\xff\xff" + KEEPALIVE],
    [MARKER + b"\x00\x13"],
    [KEEPALIVE[:5], KEEPALIVE[5:]],
    [b"xx" + KEEPALIVE[:5]],
    [MARKER + b"\x00\x13\x04" + b"junk"],
    [MARKER + b"\x10\x00\x02" + b"\x00" * 20],
    [MARKER + MARKER + b"\x00\x13\x04"],
    [KEEPALIVE + b"junk" + KEEPALIVE],
    [b"xx" + MARKER],
    [b"x" + b"\xff" * 17 + b"\x00\x13\x04"],
    [b"\x00" * 20 + b"\xff" * 10],
    [b"garbage", KEEPALIVE],
    [b"xx" + KEEPALIVE[:10], KEEPALIVE[10:]],
    [KEEPALIVE + b"\xff" * 5],
    [KEEPALIVE + b"junk", KEEPALIVE],
    [KEEPALIVE + KEEPALIVE[:7], KEEPALIVE[7:]],
    [b"xx" + KEEPALIVE[:10], KEEPALIVE[10:] + KEEPALIVE],
    [b"\xff" * 5],
    [b"\xff" * 16],
    [MARKER + b"\x00\x12\x04" + b"\x00" * 5],
    [msg(6) + msg(128) + msg(7) + msg(0)],
    [b"xyz" * 10 + KEEPALIVE + b"abc" + KEEPALIVE],
]

# bodies: (type, body) of one message each
BODIES = [
    (1, b""), (1, H("04")), (1, H("0400c800b40a000001")), (1, H("0400c800b40a00000100")),
    (1, H("0400c800b40a00000105")), (1, H("0400c800b40a0000010402020100")),
    (1, H("0400c800b40a000001080206010400010001")), (1, H("0400c800b40a00000104020401")),
    (2, b""), (2, H("00")), (2, H("0000")), (2, H("00000000")), (2, H("0005")), (2, H("000018")),
    (2, H("0003180a0a0000")), (2, H("00000005")), (2, H("0000000740010100400200")),
    (2, H("000000044001010018")), (2, H("0000000740010100400201")), (2, H("00000000210a")),
    (2, H("0000000018")), (2, H("000000001f0a0a0a")),
    (2, H("00000012400101004002060201000000c8400304c0000201") + H("180a0a0a")),
    (2, H("0000000b5001000101") + b"\x00"),
    (2, H("0000000440010100")), (2, H("0000000440010100180a0a0a")), (2, H("00000000180a")),
    (2, H("000000001820")), (2, H("0000000440010100180a")), (2, H("000000044001010008")),
    (2, H("00000004400101000a")), (2, H("0000000440010100200a0a0a")), (2, H("0000000440010100000a")),
    (2, H("00000004400101002100")), (2, H("0000000440010100100a0a")), (2, H("000218")),
    (2, H("0002180a0000")), (2, H("00020a0a0000")), (2, H("0001210000")), (2, H("0000000340010100")),
    (2, H("000000034001")), (2, H("00000002400100")), (2, H("000000044001020000")),
    (2, H("000000064002040201")), (2, H("0000000a4002080201000000c8")), (2, H("00000008400206020100c8")),
    (2, H("00000007400304c0000201")), (2, H("00000006400303c00002")),
    (3, b""), (3, H("06")), (3, H("0602")), (3, H("060200")), (3, H("0101aabb")), (3, H("0909")),
    (4, H("00")),
    (5, b""), (5, H("0001")), (5, H("00010001")), (5, H("0001000101")), (5, H("0001000101020000")),
    (5, H("00010001010200")), (5, H("000100010102")), (5, H("0001000101020001")),
    (6, b""), (6, H("0000")), (6, H("00010004")), (6, H("0001000400010001")), (6, H("000100")),
    (128, b""), (128, H("00010001")), (7, b""), (0, b""), (255, H("00")),
]


def main():
    frames = []
    cases = FRAMING + [[msg(t, b)] for t, b in BODIES]
    for i, segments in enumerate(cases):
        conn = TCPConn(frames, MACS, CLIENT, SERVER, 41000 + i, 179)
        for seg in segments:
            conn.send(CLIENT, seg)
        conn.send(SERVER, KEEPALIVE)
    write_pcap(os.path.join(os.path.dirname(os.path.abspath(__file__)), "lab__bgp-crafted.pcap"), 1, frames)


if __name__ == "__main__":
    main()
