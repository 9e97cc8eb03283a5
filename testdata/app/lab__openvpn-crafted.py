#!/usr/bin/env python3
# Writes lab__openvpn-crafted.pcap: OpenVPN packets on UDP 1194 that OpenVPN 2.6 did not send in the captures of
# lab__openvpn.sh, laid out as OpenVPN's ssl_pkt.h has them: a P_DATA_V1 packet (key id 1) and one with nothing
# after its opcode, a P_CONTROL_SOFT_RESET_V1, an unknown opcode (12), a TLS 1.2 Client Hello (with a padding
# extension) sent as three P_CONTROL_V1 packets whose first two carry exactly 100 bytes (the length
# packet-openvpn.c takes for "more fragments follow"), a P_DATA_V2 cut inside its peer id, a control packet cut
# inside its session id and a P_ACK_V1 whose packet-id array runs past the packet. tshark 4.0 on the output is the
# oracle for their columns and trees. Usage: python3 lab__openvpn-crafted.py lab__openvpn-crafted.pcap
import struct, sys

from labpcap import csum, write_pcap


def udp(payload, sport=40000, dport=1194, src=(10, 9, 8, 1), dst=(10, 9, 8, 2)):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0x4000, 64, 17, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip + u


SESSION = bytes.fromhex("1122334455667788")


def control(op, key, mpid, payload=b"", acks=(), remote=b""):
    b = bytes([op << 3 | key]) + SESSION + bytes([len(acks)])
    for a in acks:
        b += struct.pack("!I", a)
    b += remote
    if op != 5:
        b += struct.pack("!I", mpid)
    return b + payload


# A TLS 1.2 Client Hello: one cipher suite, no compression, a padding extension to make it 230 bytes long.
pad = bytes(174)
body = b"\x03\x03" + bytes(range(32)) + b"\x00" + b"\x00\x02\x00\x2f" + b"\x01\x00"
body += struct.pack("!H", 4 + len(pad)) + struct.pack("!HH", 0x0015, len(pad)) + pad
hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
hello = b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs
assert len(hello) == 230

frames = [
    udp(bytes([6 << 3 | 1]) + struct.pack("!I", 7) + bytes(range(40))),          # P_DATA_V1, key id 1
    udp(bytes([6 << 3])),                                                       # P_DATA_V1, nothing more
    udp(control(3, 2, 5)),                                                      # P_CONTROL_SOFT_RESET_V1
    udp(control(12, 0, 1, b"\xaa" * 8)),                                        # unknown opcode
    udp(control(4, 0, 1, hello[:100])),                                         # 100 bytes: a fragment
    udp(control(4, 0, 2, hello[100:200])),                                      # another
    udp(control(4, 0, 3, hello[200:])),                                         # the last: Client Hello
    udp(bytes([9 << 3]) + b"\x00"),                                             # P_DATA_V2 cut in its peer id
    udp(control(4, 0, 0)[:6]),                                                  # cut in the session id
    udp(control(5, 0, 0, acks=(1, 2, 3))[:14]),                                 # P_ACK_V1 array past the end
]
write_pcap(sys.argv[1], 1, frames)
