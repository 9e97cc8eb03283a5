#!/usr/bin/env python3
"""Writes lab__db-lsp-disc-crafted.pcap: UDP datagrams to port 17500 (Dropbox
LAN sync discovery), one per case, whose payloads probe which of them
tshark 4.0's JSON heuristic (json_validate: jsmn, strict, 1024 tokens)
accepts: the Dropbox announcement itself, JSON that jsmn accepts and
encoding/json would not, and the reverse, bad escapes, non-ASCII bytes,
NULs, too many tokens. Run: python3 lab__db-lsp-disc-crafted.py OUT.pcap"""
import struct, sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum


def udp(src, dst, sport, dport, pay):
    u = struct.pack("!HHHH", sport, dport, 8 + len(pay), 0) + pay
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\xff" * 6 + b"\x02\0\0\0\0\x01\x08\x00" + ip + u

cases = [
    b'{"host_int": 4094514483, "version": [1, 8], "displayname": "", "port": 17500, "namespaces": [20524257, 639539072]}',
    b'hello', b'[1,2]', b'"str"', b'42', b'true', b'{"a": 1', b'{"a": 1} x', b'', b'\x00{}', b'{"a": 1}\x00junk',
    b'{"a":[' + b'1,' * 1100 + b'1]}', b'{"a":[' + b'1,' * 1020 + b'1]}', b'{"a": 1}\n', b' {"a":1}', b'{a:1}',
    b"{'a':1}", b'[1,]', b'{"a":01}', b'{"a":"\\u00e9"}', b'{"a":"\\u00g9"}', b'{"a":"\\x"}', b'{"a":"\xc3\xa9"}',
    b'{"\xc3\xa9":1, "b": "cccccccc"}', b'[tru]', b'[nul,]', b'{"a" {}}', b'{"a": 1 2}', b'{1: 2}', b'[1}', b'{]',
    b']', b'}', b'[]]', b'{"a":"b"}}', b'[1\x7f]', b'["a\x01b"]', b'{"a": [1, {"b": null}], "c": false}', b'[-]',
    b'"unterminated', b'["a\\', b'[",]', b'{"a":1,,}', b'[:]', b'{"a"}', b'{"a":}', b'[{}{}]', b'text with\nnewline\r\n',
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(cases):
        pk = udp([10, 0, 0, 1], [10, 0, 0, 255], 17500, 17500, p)
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(pk), len(pk)) + pk)
