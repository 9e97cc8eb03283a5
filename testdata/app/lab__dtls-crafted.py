#!/usr/bin/env python3
"""DTLS records of sessions whose handshake the capture did not hold, for the version tshark 4.0.17 names from
the first record that is not a handshake (ssl_try_set_version): Application Data of DTLS 1.2 and 1.0, encrypted
and clear alerts, Change Cipher Spec, heartbeats in clear, cut and encrypted, a Client Hello (which names no
version) answered by Application Data, and encrypted handshake records. Each case is one UDP conversation to
port 4433, found by packet-dtls.c's heuristic. Writes lab__dtls-crafted.pcap."""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import ipv4, write_pcap  # noqa: E402

CLIENT, SERVER = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
MAC = {CLIENT: bytes.fromhex("020000000001"), SERVER: bytes.fromhex("020000000002")}


def udp(frames, src, dst, sport, dport, payload):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    frames.append(MAC[dst] + MAC[src] + b"\x08\x00" + ipv4(src, dst, 17, u))


def record(ct, version, epoch, body):
    return struct.pack("!BHH", ct, version, epoch) + b"\x00\x00\x00\x00\x00\x01" + struct.pack("!H", len(body)) + body


HELLO_BODY = bytes.fromhex("fefd") + b"\x11" * 32 + bytes.fromhex("0000" "0002c02b" "0100")
CLIENT_HELLO = bytes.fromhex("01") + struct.pack("!I", len(HELLO_BODY))[1:] + bytes.fromhex("0000000000") + \
    struct.pack("!I", len(HELLO_BODY))[1:] + HELLO_BODY

# each case: records sent alternately by the client and the server
CASES = [
    [record(23, 0xFEFD, 1, b"\xaa" * 20)],
    [record(23, 0xFEFF, 1, b"\xaa" * 20)],
    [record(21, 0xFEFD, 1, b"\xaa" * 20)],
    [record(21, 0xFEFD, 0, b"\x02\x28")],
    [record(20, 0xFEFD, 0, b"\x01")],
    [record(24, 0xFEFD, 1, b"\x01" * 20)],
    [record(22, 0xFEFD, 0, CLIENT_HELLO), record(23, 0xFEFD, 1, b"\xbb" * 20)],
    [record(22, 0xFEFD, 1, b"\x01" * 40)],
    [record(22, 0xFEFD, 1, b"\x77" * 40)],
    [record(23, 0xFEFD, 1, b"\xaa" * 20) + record(23, 0xFEFF, 1, b"\xaa" * 20)],
    [record(24, 0xFEFD, 0, b"\x01\x00\x04abcd" + b"\x00" * 16)],
    [record(24, 0xFEFD, 0, b"\x02\x00\x04abcd" + b"\x00" * 16)],
    [record(24, 0xFEFD, 0, b"\x01")],
    [record(24, 0xFEFD, 0, b"\x05\x00\x01x" + b"\x00" * 16)],
    [record(24, 0xFEFD, 0, b"\x01\x00\x40abcd" + b"\x00" * 16)],
]


def main():
    frames = []
    for i, records in enumerate(CASES):
        for j, rec in enumerate(records):
            if j % 2 == 0:
                udp(frames, CLIENT, SERVER, 41000 + i, 4433, rec)
            else:
                udp(frames, SERVER, CLIENT, 4433, 41000 + i, rec)
    write_pcap(os.path.join(os.path.dirname(os.path.abspath(__file__)), "lab__dtls-crafted.pcap"), 1, frames)


if __name__ == "__main__":
    main()
