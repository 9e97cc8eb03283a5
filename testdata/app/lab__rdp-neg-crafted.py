#!/usr/bin/env python3
"""lab__rdp-neg-crafted.py OUT.pcap writes lab__rdp-neg-crafted.pcap: two RDP connection sequences on TCP 3389
(no handshakes, bare Ethernet/IPv4/TCP), built from MS-RDPBCGR's bytes:
  1. the X.224 Connection Request of MS-RDPBCGR §4.1.1 (cookie "mstshash=eltons", RDP_NEG_REQ asking for standard
     RDP security), answered by an RDP_NEG_FAILURE with failureCode SSL_NOT_ALLOWED_BY_SERVER (2, §2.2.1.2.2);
  2. a Connection Request with no cookie asking for TLS and CredSSP, answered by an RDP_NEG_RSP selecting CredSSP
     with the EXTENDED_CLIENT_DATA_SUPPORTED flag (§2.2.1.2.1).
The real servers ladder's lab ran (xrdp) never refuse a negotiation, so this capture holds the failure."""
import struct
import sys


def pkt(payload, sport, dport, seq, ack):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, 0x18, 65535, 0, 0) + payload
    cli, srv = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    src, dst = (srv, cli) if sport == 3389 else (cli, srv)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
    return b'\x00\x00\x00\x00\x00\x02' + b'\x00\x00\x00\x00\x00\x01' + b'\x08\x00' + ip + tcp


cr = bytes.fromhex('0300002c27e00000000000436f6f6b69653a206d737473686173683d656c746f6e730d0a0100080000000000')
fail = bytes.fromhex('030000130ed000001234000300080002000000')
cr2 = bytes.fromhex('030000130ee000000000000100080003000000')
rsp = bytes.fromhex('030000130ed000001234000201080002000000')
packets = [pkt(cr, 40000, 3389, 1, 1), pkt(fail, 3389, 40000, 1, 1 + len(cr)),
           pkt(cr2, 40001, 3389, 1, 1), pkt(rsp, 3389, 40001, 1, 1 + len(cr2))]
with open(sys.argv[1] if len(sys.argv) > 1 else 'lab__rdp-neg-crafted.pcap', 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(packets):
        f.write(struct.pack('<IIII', 1000 + i, 0, len(p), len(p)) + p)
