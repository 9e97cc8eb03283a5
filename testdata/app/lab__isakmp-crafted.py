#!/usr/bin/env python3
# Writes lab__isakmp-crafted.pcap: ISAKMP messages built by hand from RFC 2408/2409 (IKEv1) and RFC 7296 (IKEv2)
# for what the strongSwan lab capture (lab__isakmp.pcap) only carries encrypted: IKEv1 identities, notifications,
# deletes and an ESP proposal with IPsec attributes; IKEv2 identities, AUTH, traffic selectors, deletes, a COOKIE
# notify, an unknown vendor ID; and the edge cases of the header check (short datagrams, a length field below 28
# or beyond the datagram, payload lengths below 4 or beyond the message, trailing bytes, version 3, the non-ESP
# marker alone). tshark 4.0 on the output is the oracle for columns and tree. Usage: python3 lab__isakmp-crafted.py OUT
import struct, sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum


def udp(sport, dport, pl):
    u = struct.pack("!HHHH", sport, dport, 8 + len(pl), 0) + pl
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, bytes([10, 9, 0, 1]), bytes([10, 9, 0, 2]))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return bytes.fromhex("020000000002020000000001") + b"\x08\x00" + h + u

ISPI, RSPI = bytes.fromhex("1122334455667788"), bytes.fromhex("99aabbccddeeff00")

def msg(first, ver, exch, flags, mid, payloads, length=None):
    body = b"".join(payloads)
    n = 28 + len(body) if length is None else length
    return ISPI + RSPI + struct.pack("!BBBBII", first, ver, exch, flags, mid, n) + body

def pl(nxt, body, crit=0, plen=None):
    return struct.pack("!BBH", nxt, crit, 4 + len(body) if plen is None else plen) + body

def attr_tv(t, v):
    return struct.pack("!HH", 0x8000 | t, v)

def attr_tlv(t, v):
    return struct.pack("!HH", t, len(v)) + v

# IKEv1 Quick Mode SA: ESP proposal with SPI, AES transform with IPsec attributes (RFC 2407 §4.5)
esp_tf = pl(0, struct.pack("!BBH", 1, 12, 0) + attr_tv(1, 1) + attr_tlv(2, struct.pack("!I", 3600)) + attr_tv(4, 1)
            + attr_tv(5, 2) + attr_tv(6, 128))
qm_prop = pl(0, struct.pack("!BBBB", 1, 3, 4, 1) + bytes.fromhex("c0ffee01") + esp_tf)
qm_sa = pl(10, struct.pack("!II", 1, 1) + qm_prop)
v1_nonce = pl(5, bytes(range(16)))
v1_id4 = pl(5, struct.pack("!BBH", 1, 17, 500) + bytes([10, 9, 0, 1]))
v1_idfqdn = pl(0, struct.pack("!BBH", 2, 0, 0) + b"gw.ladder.lab")
# IKEv1 phase 1 SA with a TLV life duration (4 bytes) and SHA2-256
p1_tf = pl(0, struct.pack("!BBH", 1, 1, 0) + attr_tv(1, 5) + attr_tv(2, 4) + attr_tv(3, 1) + attr_tv(4, 2)
           + attr_tv(11, 1) + attr_tlv(12, struct.pack("!I", 86400)))
p1_prop = pl(0, struct.pack("!BBBB", 1, 1, 0, 1) + p1_tf)
p1_sa = pl(13, struct.pack("!II", 1, 1) + p1_prop)
v1_vid_unknown = pl(0, bytes.fromhex("0102030405060708090a"))
v1_notify = pl(12, struct.pack("!IBBH", 1, 1, 16, 24578) + ISPI + RSPI)
v1_delete = pl(0, struct.pack("!IBBH", 1, 3, 4, 2) + bytes.fromhex("c0ffee01c0ffee02"))

# IKEv2 payloads (RFC 7296 §3)
v2_idi = pl(39, struct.pack("!B3x", 2) + b"client.ladder.lab")
v2_auth = pl(44, struct.pack("!B3x", 2) + bytes(range(32)))
ts4 = struct.pack("!BBHHH", 7, 17, 16, 500, 500) + bytes([10, 9, 0, 1]) + bytes([10, 9, 0, 1])
ts4b = struct.pack("!BBHHH", 7, 0, 16, 0, 65535) + bytes([10, 51, 0, 0]) + bytes([10, 51, 255, 255])
v2_tsi = pl(45, struct.pack("!B3x", 2) + ts4 + ts4b)
v2_tsr = pl(0, struct.pack("!B3x", 1) + ts4b)
v2_delete = pl(0, struct.pack("!BBH", 3, 4, 1) + bytes.fromhex("c0ffee03"))
v2_delete_ike = pl(42, struct.pack("!BBH", 1, 0, 0))
v2_cookie = pl(0, struct.pack("!BBH", 0, 0, 16390) + bytes(range(8)))
v2_vid = pl(41, bytes.fromhex("882fe56d6fd20dbc2286612e7f248594"))  # strongSwan's, which tshark 4.0 does not name
v2_vid_unknown = pl(0, bytes.fromhex("deadbeef"))
v2_idi_rfc822 = pl(36, struct.pack("!B3x", 3) + b"user@ladder.lab")
v2_idr_ipv4 = pl(41, struct.pack("!B3x", 1) + bytes([10, 9, 0, 2]))
v2_rekey = pl(36, struct.pack("!BBH", 3, 4, 16393) + bytes.fromhex("c0ffee05"))
v2_idr_ipv6 = pl(0, struct.pack("!B3x", 5) + bytes.fromhex("fd000000000000000000000000000002"))
v2_esn = pl(0, struct.pack("!BxH", 5, 0))
v2_prop_esp = pl(0, struct.pack("!BBBB", 1, 3, 4, 2) + bytes.fromhex("c0ffee04")
                 + pl(3, struct.pack("!BxH", 1, 20) + attr_tv(14, 256)) + v2_esn)
v2_sa_esp = pl(0, v2_prop_esp)
v2_ke_x25519 = pl(0, struct.pack("!HH", 31, 0) + bytes(range(32)))

frames = [
    udp(500, 500, msg(1, 0x10, 2, 0, 0, [p1_sa, v1_vid_unknown])),                # Main Mode SA, unknown VID
    udp(500, 500, msg(8, 0x10, 32, 0, 0x12345678, [pl(1, bytes(20)), qm_sa, v1_nonce, v1_id4, v1_idfqdn])),  # QM clear
    udp(500, 500, msg(11, 0x10, 5, 0, 0x01020304, [v1_notify, v1_delete])),        # Informational
    udp(500, 500, msg(41, 0x20, 34, 0x20, 0, [v2_cookie])),                        # IKE_SA_INIT COOKIE
    udp(500, 500, msg(35, 0x20, 35, 0x08, 1, [v2_idi, v2_auth, v2_tsi, v2_tsr])),  # IKE_AUTH clear
    udp(500, 500, msg(42, 0x20, 37, 0x28, 2, [v2_delete_ike, v2_delete])),         # INFORMATIONAL deletes
    udp(500, 500, msg(43, 0x20, 36, 0x08, 3, [v2_vid, v2_vid_unknown])),           # vendor ID, then a Notify whose SPI runs past the end
    udp(500, 500, msg(33, 0x20, 36, 0x08, 4, [v2_sa_esp])),                        # CREATE_CHILD_SA ESP SA
    udp(500, 500, msg(34, 0x20, 36, 0x18, 5, [v2_ke_x25519])),                     # higher version flag, X25519
    udp(500, 500, msg(35, 0x20, 36, 0x08, 10, [v2_idi_rfc822, v2_idr_ipv4, v2_rekey, v2_idr_ipv6])),  # more IDs, REKEY_SA
    udp(500, 500, msg(0, 0x20, 34, 0x08, 0, [])[:27]),                             # 27 bytes
    udp(500, 500, msg(0, 0x20, 34, 0x08, 0, [], length=20)),                       # length field < 28
    udp(500, 500, msg(0, 0x20, 34, 0x08, 0, [], length=200)),                      # length beyond the datagram
    udp(500, 500, msg(41, 0x20, 37, 0x08, 6, [pl(0, b"", plen=2)])),               # payload length < 4
    udp(500, 500, msg(41, 0x20, 37, 0x08, 7, [pl(0, bytes(4), plen=16)])),         # payload beyond the message
    udp(500, 500, msg(0, 0x20, 37, 0x08, 8, []) + b"trailing"),                    # bytes after the message
    udp(500, 500, msg(0, 0x30, 2, 0, 0, [])),                                      # version 3
    udp(500, 500, msg(0, 0x10, 99, 0, 0, [])),                                     # unknown IKEv1 exchange
    udp(500, 500, msg(0, 0x20, 99, 0x20, 300, [])),                                # unknown IKEv2 exchange, MID 300
    udp(500, 500, b"\xff"),                                                        # keepalive byte on port 500
    udp(4500, 4500, bytes(4)),                                                     # non-ESP marker alone
    udp(4500, 4500, bytes(4) + msg(43, 0x20, 37, 0x20, 9, [v2_vid_unknown])),      # marker and IKEv2
]

with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 2000 + i, 0, len(fr), len(fr)) + fr)
