#!/usr/bin/env python3
"""Makes lab__bt-dht-lsd-crafted.pcap: BitTorrent DHT (BEP 5, BEP 42) and Local Service Discovery (BEP 14)
datagrams the real peers of lab__bittorrent.sh did not send, one conversation each. DHT: a query that begins with
no "a" dictionary (stays UDP), a ping, a non-DHT datagram in the ping's conversation (stays UDP), a BEP 42 "ip",
"ip" as the whole reply, an error, IPv4 peers in "values", a 12-byte "values" entry, a truncated "nodes", a query
cut short, a zero-length string, a key "message_type", an integer ID, non-ASCII and control bytes, an empty
"values" string, a length with leading blanks and one with a sign, nested lists, control bytes in a value, IPv6
"nodes6" and "values".
LSD: an IPv4 announce with a cookie, one without, one to another IPv4 address and one to another port (both stay
UDP), an IPv6 announce to ff15::efc0:988f and bytes to another IPv6 address on port 6771, and malformed lines.
Python 3 stdlib only. Usage: python3 lab__bt-dht-lsd-crafted.py OUT"""
import ipaddress
import struct
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum


def datagram(src, dst, sp, dp, pay):
    s, d = ipaddress.ip_address(src).packed, ipaddress.ip_address(dst).packed
    u = struct.pack('!HHHH', sp, dp, 8 + len(pay), 0)
    if len(s) == 4:
        ph = s + d + struct.pack('!BBH', 0, 17, len(u) + len(pay))
        u = u[:6] + struct.pack('!H', csum(ph + u + pay) or 0xffff)
        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(u) + len(pay), 1, 0, 64, 17, 0, s, d)
        ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
        mac = b'\x01\x00\x5e' + d[1:] if d[0] >= 224 else b'\x02\0\0\0\0\2'
        return mac + b'\x02\0\0\0\0\1\x08\x00' + ip + u + pay
    ph = s + d + struct.pack('!I', len(u) + len(pay)) + b'\0\0\0\x11'
    u = u[:6] + struct.pack('!H', csum(ph + u + pay) or 0xffff)
    ip = struct.pack('!IHBB', 0x60000000, len(u) + len(pay), 17, 64) + s + d
    mac = b'\x33\x33' + d[12:] if d[0] == 0xff else b'\x02\0\0\0\0\2'
    return mac + b'\x02\0\0\0\0\1\x86\xdd' + ip + u + pay


ID = b'20:' + bytes(range(0x30, 0x44))
v6 = ipaddress.ip_address('fd00::7').packed
dht = [
    b'd1:t2:aae',
    b'd1:ad2:id' + ID + b'e1:q4:ping1:t2:aa1:y1:qe',
    b'hello world',
    b'd1:rd2:ip6:\x0a\x00\x00\x01\x1a\xe1e1:t2:aa1:y1:re',
    b'd2:ip6:\x0a\x00\x00\x01\x1a\xe1e',
    b'd1:eli201e8:A Errore1:t2:aa1:y1:ee',
    b'd1:rd2:ip4:\x0a\x00\x00\x011:t2:aa6:valuesl6:\x0a\x00\x00\x01\x1a\xe16:\x0a\x00\x00\x02\x1a\xe1ee1:y1:re',
    b'd1:rd6:valuesl12:\x0a\x00\x00\x01\x1a\xe1\x0a\x00\x00\x01\x1a\xe18:abcdefghee1:y1:re',
    b'd1:ad6:target3:xyzee',
    b'd1:rd5:nodes30:' + b'a' * 30 + b'e1:y1:re',
    b'd1:ad2:id3:ab',
    b'd1:ad2:id0:e1:y1:qe',
    b'd1:rd5:nodes3:abc2:id1:xee',
    b'd1:el1:x2:abe1:y1:ee',
    b'd1:rd12:message_type4:pinge1:y1:re',
    b'd1:ad2:idi5ee1:q4:\xc3\xa9t\x01e',
    b'd1:rd6:valuesl0:ee1:y1:re',
    b'd1:ad2:id 3:abce1:y1:qe',
    b'd1:ad2:id+3:abce1:y1:qe',
    b'd1:ad1:xl1:ai5el1:bed1:c1:deee1:y1:qe',
    b'd1:ad2:idi5ee1:q11:a\tb\nc\x7fd\x1fe\\1:y1:qe',
    b'd1:rd6:nodes638:' + bytes(range(0x40, 0x54)) + v6 + b'\x1a\xe1' + b'6:valuesl18:' + v6 + b'\x1a\xe2eee',
]
H = b'BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 6881\r\nInfohash: 0123456789abcdef0123456789abcdef01234567\r\n'
lsd = [
    ('239.192.152.143', 6771, H + b'cookie: c00k1e\r\n\r\n\r\n'),
    ('239.192.152.143', 6771, H + b'\r\n\r\n'),
    ('10.0.0.2', 6771, H + b'\r\n'),
    ('239.192.152.143', 6772, H + b'\r\n'),
    ('ff15::efc0:988f', 6771, b'BT-SEARCH * HTTP/1.1\r\nHost: [ff15::efc0:988f]:6771\r\nPort: 6881\r\n'
     b'Infohash: 0123456789abcdef0123456789abcdef01234567\r\n\r\n\r\n'),
    ('fd00::2', 6771, b'hello'),
    ('239.192.152.143', 6771, b'BT-SEARCH * HTTP/1.1\r\nhost 239.192.152.143\r\nPort:abc\r\nInfoHash:x\r\nCOOKIE:\r\n'),
    ('239.192.152.143', 6771, b'BT-SEARCH * HTTP/1.1\nHost: a\nSport: 1\n'),
    ('239.192.152.143', 6771, b'BT-SEARCH'),
    ('239.192.152.143', 6771, b'BT-SEARCH * HTTP/1.1\r\nHost: x\r\nPort\r\n'),
    ('239.192.152.143', 6771, b'BT-SEARCH * HTTP/1.1\r\nHost: x\r\nPort: 70000\r\nInfohash\r\n'),
]
frames = []
for i, pay in enumerate(dht):
    port = 40000 + i if i != 2 else 40001  # the non-DHT datagram rides the ping's conversation
    frames.append(datagram('10.0.0.1', '10.0.0.2', port, 50000 + (i if i != 2 else 1), pay))
for i, (dst, dport, pay) in enumerate(lsd):
    src = 'fd00::1' if ':' in dst else '10.0.0.1'
    frames.append(datagram(src, dst, 41000 + i, dport, pay))
with open(sys.argv[1], 'wb') as out:
    out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, f in enumerate(frames):
        out.write(struct.pack('<IIII', 1700000000 + i, 0, len(f), len(f)) + f)
