#!/usr/bin/env python3
# Writes lab__sctp-crafted.pcap: hand-built IPv4/SCTP packets laid out per RFC 9260 §3 (and RFC 8260 for I-DATA)
# for the SCTP cases the real pion/sctp capture (lab__sctp.pcap) lacks: INIT parameters, bundled chunks, SACK gap
# blocks and duplicate TSNs, a retransmitted TSN, HEARTBEAT/HEARTBEAT_ACK with Heartbeat Info, ERROR and ABORT
# causes, an unknown chunk type, unordered and fragmented DATA, I-DATA fragments, and damaged chunks (too short,
# length past the packet, length under 4, trailing bytes). Checksums are left zero (tshark does not verify them by
# default). Usage: python3 lab__sctp-crafted.py OUT.pcap
import struct
import sys


def ip(payload, src, dst):
    h = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, 132, 0, bytes(src), bytes(dst))
    return bytes.fromhex('000102030405000102030406') + b'\x08\x00' + h + payload


def sctp(chunks, sp=5000, dp=5000, vtag=1):
    return struct.pack('>HHII', sp, dp, vtag, 0) + chunks


def chunk(t, f, v, pad=True):
    c = struct.pack('>BBH', t, f, 4 + len(v)) + v
    return c + b'\0' * ((-len(c)) % 4 if pad else 0)


def param(t, v):
    p = struct.pack('>HH', t, 4 + len(v)) + v
    return p + b'\0' * ((-len(p)) % 4)


A, B = [10, 0, 0, 1], [10, 0, 0, 2]
data = lambda tsn, sid, ssn, ppid, body, flags=3: chunk(0, flags, struct.pack('>IHHI', tsn, sid, ssn, ppid) + body)
sack = lambda cum, rwnd, gaps, dups: chunk(3, 0, struct.pack('>IIHH', cum, rwnd, len(gaps), len(dups)) +
                                          b''.join(struct.pack('>HH', s, e) for s, e in gaps) +
                                          b''.join(struct.pack('>I', d) for d in dups))
pkts = [
    # A to B: INIT with IPv4 address, supported address types, ECN, Forward-TSN-supported, Supported Extensions
    (A, B, sctp(chunk(1, 0, struct.pack('>IIHHI', 0x11223344, 65536, 10, 10, 1000) + param(5, bytes(A)) +
                      param(12, struct.pack('>H', 5)) + param(0x8000, b'') + param(0xc000, b'') +
                      param(0x8008, bytes([0xc0, 0x82, 0x0f, 0x40]))), vtag=0)),
    # B to A: INIT_ACK with a state cookie and a cookie preservative
    (B, A, sctp(chunk(2, 0, struct.pack('>IIHHI', 0x55667788, 32768, 5, 5, 7000) + param(7, b'cookie-bytes') +
                      param(9, struct.pack('>I', 1000))), vtag=0x11223344)),
    (A, B, sctp(chunk(10, 0, b'cookie-bytes'), vtag=0x55667788)),
    (B, A, sctp(chunk(11, 0, b''), vtag=0x11223344)),
    # DATA from A: complete, then first/middle/last fragments, one unordered
    (A, B, sctp(data(1000, 0, 0, 0, b'hello'), vtag=0x55667788)),
    (A, B, sctp(data(1001, 1, 0, 46, b'frag-1', 2) + data(1002, 1, 0, 46, b'frag-2', 0), vtag=0x55667788)),
    (A, B, sctp(data(1003, 1, 0, 46, b'frag-3', 1) + data(1004, 2, 0, 51, b'unordered', 7), vtag=0x55667788)),
    # B: SACK with two gap blocks and a duplicate, bundled with DATA
    (B, A, sctp(sack(1001, 30000, [(2, 3), (5, 9)], [1000]) + data(7000, 0, 0, 0, b'answer'), vtag=0x11223344)),
    # A: a retransmission of TSN 1002, SACK bundled before it
    (A, B, sctp(sack(7000, 65536, [], []) + data(1002, 1, 0, 46, b'frag-2', 0), vtag=0x55667788)),
    # heartbeats with Heartbeat Info, HEARTBEAT without it
    (A, B, sctp(chunk(4, 0, param(1, b'\x01\x02\x03\x04\x05\x06\x07\x08')), vtag=0x55667788)),
    (B, A, sctp(chunk(5, 0, param(1, b'\x01\x02\x03\x04\x05\x06\x07\x08')), vtag=0x11223344)),
    (A, B, sctp(chunk(4, 0, b''), vtag=0x55667788)),
    # ERROR with an Invalid Stream Identifier cause, an unknown chunk type, FORWARD_TSN
    (B, A, sctp(chunk(9, 0, struct.pack('>HHHH', 1, 8, 7, 0)), vtag=0x11223344)),
    (A, B, sctp(chunk(0x11, 0, b'\x01\x02'), vtag=0x55667788)),
    (A, B, sctp(chunk(192, 0, struct.pack('>I', 1004)), vtag=0x55667788)),
    # damaged: DATA shorter than its header, a chunk length past the packet, a length under 4, trailing bytes
    (A, B, sctp(chunk(0, 3, struct.pack('>IHH', 1005, 1, 0)), vtag=0x55667788)),
    (A, B, sctp(struct.pack('>BBH', 0, 3, 100) + struct.pack('>IHHI', 1006, 1, 0, 0), vtag=0x55667788)),
    (B, A, sctp(struct.pack('>BBH', 11, 0, 2) + chunk(11, 0, b''), vtag=0x11223344)),
    (B, A, sctp(chunk(11, 0, b'') + b'\x00\x00', vtag=0x11223344)),
    (B, A, sctp(b'', vtag=0x11223344)),
    # I_DATA: first fragment with its PPID, a later one with its FSN
    (A, B, sctp(chunk(64, 2, struct.pack('>IHHII', 1007, 3, 0, 0, 51) + b'i-data-1') +
                chunk(64, 1, struct.pack('>IHHII', 1008, 3, 0, 0, 1) + b'i-data-2'), vtag=0x55667788)),
    # SHUTDOWN bundled with COOKIE_ACK; ABORT with the T bit and a User-Initiated Abort cause
    (A, B, sctp(chunk(7, 0, struct.pack('>I', 7000)) + chunk(11, 0, b''), vtag=0x55667788)),
    (B, A, sctp(chunk(6, 1, struct.pack('>HH', 12, 6) + b'hi'), vtag=0x55667788)),
]
out = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
for i, (s, d, p) in enumerate(pkts):
    b = ip(p, s, d)
    out += struct.pack('<IIII', 1700000000 + i, 0, len(b), len(b)) + b
open(sys.argv[1], 'wb').write(out)
