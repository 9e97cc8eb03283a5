#!/usr/bin/env python3
"""lab__vnc-crafted.py OUT.pcap writes lab__vnc-crafted.pcap: RFB conversations on TCP 5900 (bare
Ethernet/IPv4/TCP, no handshakes) laid out per RFC 6143, for the paths the real TigerVNC capture (lab__vnc.pcap)
does not take:
  1. RFB 3.8 with security type None, ClientInit and ServerInit, then server messages: a framebuffer update with a
     2x1 Raw rectangle followed by a Bell in one segment, and a client cut text (a server cut text is left out:
     tshark 4.0 waits for more bytes after a whole one);
  2. RFB 3.3, where the server picks the security type (None) as a 32-bit value;
  3. RFB 3.8 with VNC authentication whose failed result is cut after the status (no reason string)."""
import struct
import sys


class Conn:
    def __init__(self, cport):
        self.cport, self.seq = cport, {True: 1, False: 1}

    def pkt(self, from_server, payload):
        sport, dport = (5900, self.cport) if from_server else (self.cport, 5900)
        seq, ack = self.seq[from_server], self.seq[not from_server]
        self.seq[from_server] += len(payload)
        tcp = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, 0x18, 65535, 0, 0) + payload
        cli, srv = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
        src, dst = (srv, cli) if from_server else (cli, srv)
        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
        return b'\x00\x00\x00\x00\x00\x02' + b'\x00\x00\x00\x00\x00\x01' + b'\x08\x00' + ip + tcp


S, C = True, False
pixel_format = bytes.fromhex('2018000100ff00ff00ff100800000000')
server_init = struct.pack('!HH', 2, 1) + pixel_format + struct.pack('!I', 4) + b'demo'
update = bytes.fromhex('00000001' '0000000000020001' '00000000' '0102030405060708') + b'\x02'
client_cut = b'\x06\x00\x00\x00' + struct.pack('!I', 2) + b'hi'
a, b, c = Conn(40000), Conn(40001), Conn(40002)
packets = [
    a.pkt(S, b'RFB 003.008\n'), a.pkt(C, b'RFB 003.008\n'), a.pkt(S, b'\x01\x01'), a.pkt(C, b'\x01'),
    a.pkt(S, b'\x00\x00\x00\x00'), a.pkt(C, b'\x00'), a.pkt(S, server_init), a.pkt(S, update),
    a.pkt(C, client_cut),
    b.pkt(S, b'RFB 003.003\n'), b.pkt(C, b'RFB 003.003\n'), b.pkt(S, b'\x00\x00\x00\x01'), b.pkt(C, b'\x01'),
    c.pkt(S, b'RFB 003.008\n'), c.pkt(C, b'RFB 003.008\n'), c.pkt(S, b'\x01\x02'), c.pkt(C, b'\x02'),
    c.pkt(S, bytes(range(16))), c.pkt(C, bytes(range(16, 32))), c.pkt(S, b'\x00\x00\x00\x01'),
]
with open(sys.argv[1] if len(sys.argv) > 1 else 'lab__vnc-crafted.pcap', 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(packets):
        f.write(struct.pack('<IIII', 1000 + i, 0, len(p), len(p)) + p)
