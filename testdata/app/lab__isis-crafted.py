#!/usr/bin/env python3
# Writes lab__isis-crafted.pcap: IS-IS PDUs FRRouting's isisd did not send in lab__isis.pcap (see lab__frr.sh), laid
# out per ISO 10589 §9 over 802.3/LLC (SAP 0xfe): an LSP whose checksum is wrong, an LSP whose checksum is zero, an
# unknown TLV in a hello, a PDU of an unknown type and a hello cut inside its fixed header. tshark 4.0 on the output is the oracle for their columns and trees.
# Usage: python3 lab__isis-crafted.py lab__isis-crafted.pcap
import struct, sys

def frame(pdu, dst=b"\x01\x80\xc2\x00\x00\x14"):
    llc = b"\xfe\xfe\x03" + pdu
    fr = dst + b"\x02\x00\x00\x00\x00\x01" + struct.pack("!H", len(llc)) + llc
    return fr + b"\0" * max(0, 60 - len(fr))

def common(typ, hl):
    return struct.pack("!BBBBBBBB", 0x83, hl, 1, 0, typ, 1, 0, 0)

def lsp(checksum, tlvs=b"\x81\x01\xcc", life=1199):
    body = struct.pack("!HH", 0, life) + bytes(5) + b"\x09\x00\x00" + struct.pack("!IHB", 7, checksum, 0x03) + tlvs
    pdu = common(18, 27) + body
    return pdu[:8] + struct.pack("!H", len(pdu)) + pdu[10:]

def hello(tlvs, cut=None):
    body = struct.pack("!B6sHHB7s", 3, b"\0\0\0\0\0\x09", 30, 0, 64, b"\0" * 7) + tlvs
    pdu = common(15, 27) + body
    pdu = pdu[:17] + struct.pack("!H", len(pdu)) + pdu[19:]
    return pdu[:cut] if cut else pdu

frames = [
    frame(lsp(0x1234)),                          # wrong checksum
    frame(lsp(0)),                               # zero checksum
    frame(hello(b"\xc8\x02\xab\xcd" + b"\x81\x02\xcc\x8e")),  # unknown TLV 200, IP and IPv6
    frame(common(5, 8)),                         # unknown PDU type
    frame(hello(b"", cut=20)),                   # cut inside the hello header
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1000 + i, 0, len(fr), len(fr)) + fr)
