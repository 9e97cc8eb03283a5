#!/usr/bin/env python3
# Writes lab__bacnet-crafted.pcap: BACnet/IP (ASHRAE 135 Annex J BVLC, clause 6 NPDU, clause 20 APDU) messages
# laid out byte by byte from the standard, on UDP 47808, for what node-bacnet's client and responder did not send
# in lab__bacnet.pcap (see lab__bacnet.sh): the BVLC functions (Result with each code, Register-Foreign-Device,
# Read-BDT and its Ack, Read-FDT, Forwarded-NPDU, Distribute-Broadcast-To-Network, an unknown
# function), NPDUs with destination/source network addresses, hop counts and network layer messages (Who-Is-Router,
# I-Am-Router, Reject-Message, a proprietary one), every APDU type (confirmed and unconfirmed requests, Simple-,
# Complex-, Segment-ACK, Error, Reject, Abort), segmented requests and answers, unknown services, instance numbers
# and invoke ids at their edges (0, 4194303, 255), and cut or odd datagrams (BVLC alone, a length field longer or
# shorter than the datagram, an NPDU of another version, an APDU cut in its header, a bare tag), then more services.
# tshark 4.0.17 on the output is the oracle for its columns and trees. Usage: python3 lab__bacnet-crafted.py OUT.pcap
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, ipv4, write_pcap

CLI, SRV, BC = bytes([10, 47, 8, 1]), bytes([10, 47, 8, 2]), bytes([10, 47, 8, 255])
MAC = {CLI: b"\x02\0\0\0\0\x01", SRV: b"\x02\0\0\0\0\x02", BC: b"\xff" * 6}
ipid = [0]


def udp(payload, src=CLI, dst=SRV, sport=47808, dport=47808):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ph = src + dst + struct.pack("!BBH", 0, 17, len(u))
    u = u[:6] + struct.pack("!H", csum(ph + u) or 0xFFFF) + u[8:]
    ipid[0] += 1
    return MAC[dst] + MAC[src] + b"\x08\x00" + ipv4(src, dst, 17, u, ident=ipid[0], frag=0)


def bvlc(func, body, length=None):
    return struct.pack("!BBH", 0x81, func, 4 + len(body) if length is None else length) + body


def npdu(apdu=b"", dnet=None, dadr=b"", snet=None, sadr=b"", hop=255, expect=False, prio=0, netmsg=None, ver=1):
    ctl = prio | (0x04 if expect else 0) | (0x20 if dnet is not None else 0) | (0x08 if snet is not None else 0)
    b = b""
    if dnet is not None:
        b += struct.pack("!HB", dnet, len(dadr)) + dadr
    if snet is not None:
        b += struct.pack("!HB", snet, len(sadr)) + sadr
    if dnet is not None:
        b += bytes([hop])
    if netmsg is not None:
        ctl |= 0x80
        b += netmsg
    return bytes([ver, ctl]) + b + apdu


def uni(apdu, **kw):
    return bvlc(0x0A, npdu(apdu, **kw))


def bcast(apdu, **kw):
    return bvlc(0x0B, npdu(apdu, **kw))


def tag(num, data, ctx=False):
    """One tag (clause 20.2.1) with its data; lengths over 4 use the extended length octet(s)."""
    cls = 0x08 if ctx else 0
    n = len(data)
    hi = bytes([num << 4]) if num < 15 else b""
    if num >= 15:
        first, ext = 0xF0, bytes([num])
    else:
        first, ext = num << 4, b""
    if n <= 4:
        return bytes([first | cls | n]) + ext + data
    if n <= 253:
        return bytes([first | cls | 5]) + ext + bytes([n]) + data
    return bytes([first | cls | 5]) + ext + bytes([254]) + struct.pack("!H", n) + data


def uint(v):
    n = max(1, (v.bit_length() + 7) // 8)
    return v.to_bytes(n, "big")


def ctx(num, v):
    return tag(num, uint(v) if isinstance(v, int) else v, ctx=True)


def app_uint(v):
    return tag(2, uint(v))


def app_enum(v):
    return tag(9, uint(v))


def objid(t, inst):
    return struct.pack("!I", t << 22 | inst)


def app_obj(t, inst):
    return tag(12, objid(t, inst))


def opening(n):
    return bytes([n << 4 | 0x0E])


def closing(n):
    return bytes([n << 4 | 0x0F])


def confirmed(inv, svc, body=b"", seg=None, maxseg=0, maxresp=5, sa=True):
    if seg is None:
        return bytes([0x00 | (0x02 if sa else 0), maxseg << 4 | maxresp, inv, svc]) + body
    seq, win, more = seg
    return bytes([0x08 | (0x04 if more else 0) | (0x02 if sa else 0), maxseg << 4 | maxresp, inv, seq, win, svc]) + body


def unconfirmed(svc, body=b""):
    return bytes([0x10, svc]) + body


def simple_ack(inv, svc):
    return bytes([0x20, inv, svc])


def complex_ack(inv, svc, body=b"", seg=None):
    if seg is None:
        return bytes([0x30, inv, svc]) + body
    seq, win, more = seg
    return bytes([0x38 | (0x04 if more else 0), inv, seq, win, svc]) + body


def rp(t, inst, prop, idx=None):
    b = ctx(0, objid(t, inst)) + ctx(1, prop)
    if idx is not None:
        b += ctx(2, idx)
    return b


def rp_ack(t, inst, prop, value):
    return ctx(0, objid(t, inst)) + ctx(1, prop) + opening(3) + value + closing(3)


DEV, AI, AO, BV = 8, 0, 1, 5
PV, OBJNAME, OBJLIST, DESC = 85, 77, 76, 28
real = lambda f: tag(4, struct.pack("!f", f))
cstr = lambda s: tag(7, b"\x00" + s.encode())

frames = []
a = frames.append
r = lambda p: udp(p, src=SRV, dst=CLI)
# who-is / i-am, with and without limits, at the edges of the instance range
a(udp(bcast(unconfirmed(8)), dst=BC))
a(udp(bcast(unconfirmed(8, ctx(0, 0) + ctx(1, 4194303))), dst=BC))
a(r(bcast(unconfirmed(0, app_obj(DEV, 1234) + app_uint(1476) + app_enum(0) + app_uint(15))), ))
a(r(bcast(unconfirmed(0, app_obj(DEV, 4194303) + app_uint(50) + app_enum(3) + app_uint(65535)))))
# who-has / i-have
a(udp(bcast(unconfirmed(7, ctx(3, b"\x00" + b"Zone Temp"))), dst=BC))
a(r(bcast(unconfirmed(1, app_obj(DEV, 1234) + app_obj(AI, 3) + cstr("Zone Temp")))))
# time synchronization, UTC time synchronization
a(udp(bcast(unconfirmed(6, tag(10, b"\x7c\x0c\x07\x01") + tag(11, b"\x10\x2a\x00\x00"))), dst=BC))
a(udp(bcast(unconfirmed(9, tag(10, b"\x7c\x0c\x07\x01") + tag(11, b"\x10\x2a\x00\x00"))), dst=BC))
# read-property, its ack, with an array index, an error
a(udp(uni(confirmed(1, 12, rp(AI, 0, PV)), expect=True)))
a(r(uni(complex_ack(1, 12, rp_ack(AI, 0, PV, real(21.5))))))
a(udp(uni(confirmed(2, 12, rp(DEV, 1234, OBJLIST, 0)), expect=True)))
a(r(uni(complex_ack(2, 12, ctx(0, objid(DEV, 1234)) + ctx(1, OBJLIST) + ctx(2, 0) + opening(3) + app_uint(3) + closing(3)))))
a(udp(uni(confirmed(3, 12, rp(AI, 99, PV)), expect=True)))
a(r(uni(bytes([0x50, 3, 12]) + app_enum(1) + app_enum(31))))
a(udp(uni(confirmed(255, 12, rp(BV, 4194303, 4194303)), expect=True)))
a(r(uni(bytes([0x50, 255, 12]) + app_enum(2) + app_enum(32))))
# object types and properties past the named ones: reserved and proprietary
a(udp(uni(confirmed(17, 12, rp(70, 1, 511)), expect=True)))
a(udp(uni(confirmed(18, 12, rp(1023, 0, 512)), expect=True)))
a(r(uni(bytes([0x60, 18, 70]))))
a(r(uni(bytes([0x71, 17, 200]))))
# write-property and its simple ack
a(udp(uni(confirmed(4, 15, ctx(0, objid(AO, 1)) + ctx(1, PV) + opening(3) + real(50.0) + closing(3) + ctx(4, 8)), expect=True)))
a(r(uni(simple_ack(4, 15))))
# read-property-multiple and its ack
a(udp(uni(confirmed(5, 14, ctx(0, objid(AI, 0)) + opening(1) + ctx(0, PV) + ctx(0, OBJNAME) + closing(1)), expect=True)))
a(r(uni(complex_ack(5, 14, ctx(0, objid(AI, 0)) + opening(1) + ctx(2, PV) + opening(4) + real(21.5) + closing(4) + ctx(2, OBJNAME) + opening(4) + cstr("AI-0") + closing(4) + closing(1)))))
# subscribe-cov, a COV notification, reinitialize with a reject, device communication control with an abort
a(udp(uni(confirmed(6, 5, ctx(0, 18) + ctx(1, objid(AI, 0)) + ctx(2, 0) + ctx(3, 300)), expect=True)))
a(r(uni(simple_ack(6, 5))))
a(r(uni(unconfirmed(2, ctx(0, 18) + ctx(1, objid(DEV, 1234)) + ctx(2, objid(AI, 0)) + ctx(3, 280) + opening(4) + ctx(0, PV) + opening(2) + real(22.0) + closing(2) + closing(4)))))
a(udp(uni(confirmed(7, 20, ctx(0, 0) + ctx(1, b"\x00secret")), expect=True)))
a(r(uni(bytes([0x60, 7, 9]))))
a(udp(uni(confirmed(8, 17, ctx(0, 5) + ctx(1, 1)), expect=True)))
a(r(uni(bytes([0x71, 8, 4]))))
a(udp(uni(bytes([0x70, 9, 0]))))
# segmented: a segmented complex ack (two segments), segment acks, a segmented request
a(udp(uni(confirmed(10, 12, rp(DEV, 1234, OBJLIST)), expect=True)))
whole = rp_ack(DEV, 1234, OBJLIST, app_obj(DEV, 1234) + app_obj(AI, 0) + app_obj(AI, 1))
a(r(uni(complex_ack(10, 12, whole[:12], seg=(0, 4, True)))))
a(udp(uni(bytes([0x40, 10, 0, 4]))))
a(r(uni(complex_ack(10, 12, whole[12:], seg=(1, 4, False)))))
a(udp(uni(bytes([0x42, 10, 1, 4]))))
a(udp(uni(confirmed(11, 15, ctx(0, objid(AO, 1)) + ctx(1, DESC), seg=(0, 2, True)), expect=True)))
a(r(uni(bytes([0x43, 11, 0, 2]))))
a(r(uni(bytes([0x51, 11, 0, 2]))))
# unknown services, private transfer, an unknown apdu type
a(udp(uni(confirmed(12, 99, b""), expect=True)))
a(udp(bcast(unconfirmed(42)), dst=BC))
a(udp(uni(confirmed(13, 18, ctx(0, 260) + ctx(1, 1) + opening(2) + app_uint(7) + closing(2)), expect=True)))
a(udp(uni(bytes([0x90, 1, 2]))))
# routed NPDUs: destination, source, both, broadcast network
a(udp(uni(confirmed(14, 12, rp(DEV, 77, PV)), dnet=5, dadr=b"\x0b", hop=254, expect=True)))
a(r(uni(complex_ack(14, 12, rp_ack(DEV, 77, PV, real(1.0))), snet=5, sadr=b"\x0b")))
a(udp(bcast(unconfirmed(8), dnet=0xFFFF, hop=255), dst=BC))
a(r(bcast(unconfirmed(0, app_obj(DEV, 77) + app_uint(480) + app_enum(3) + app_uint(8)), snet=65534, sadr=b"\xc0\xa8\x01\x05\xba\xc0", prio=3)))
# network layer messages
a(udp(bcast(b"", netmsg=b"\x00"), dst=BC))
a(udp(bcast(b"", netmsg=b"\x00\x00\x05"), dst=BC))
a(r(bcast(b"", netmsg=b"\x01\x00\x05\x00\x06")))
a(r(uni(b"", netmsg=b"\x03\x01\x00\x09")))
a(r(uni(b"", netmsg=b"\x05\x00\x05")))
a(r(uni(b"", netmsg=b"\x12")))
a(r(uni(b"", netmsg=b"\x80\x01\x04\xaa")))
# BVLC functions
for code in (0x00, 0x10, 0x30, 0x60, 0x99):
    a(r(bvlc(0x00, struct.pack("!H", code))))
a(udp(bvlc(0x05, struct.pack("!H", 600))))
a(udp(bvlc(0x02, b"")))
a(r(bvlc(0x03, bytes([10, 47, 8, 2]) + b"\xba\xc0" + b"\xff\xff\xff\x00" + bytes([10, 48, 0, 1]) + b"\xba\xc0" + b"\xff\xff\xff\xff")))
a(udp(bvlc(0x06, b"")))
a(r(bvlc(0x07, bytes([10, 49, 0, 7]) + b"\xba\xc0" + struct.pack("!HH", 600, 630))))
a(udp(bvlc(0x08, bytes([10, 49, 0, 7]) + b"\xba\xc0")))
a(udp(bvlc(0x01, bytes([10, 47, 8, 2]) + b"\xba\xc0" + b"\xff\xff\xff\x00")))
a(udp(bvlc(0x04, bytes([10, 49, 0, 7]) + b"\xba\xc0" + npdu(unconfirmed(8))), src=SRV, dst=BC))
a(udp(bvlc(0x09, npdu(unconfirmed(8)))))
a(udp(bvlc(0x0D, b"\x01\x02")))
# odd and cut datagrams
a(udp(b"\x81"))
a(udp(b"\x81\x0a"))
a(udp(bvlc(0x0A, b"")))
a(udp(bvlc(0x0A, npdu(unconfirmed(8)), length=40)))
a(udp(bvlc(0x0A, npdu(unconfirmed(8)), length=6)))
a(udp(bvlc(0x0A, npdu(unconfirmed(8), ver=2))))
a(udp(bvlc(0x0A, b"\x01")))
a(udp(bvlc(0x0A, b"\x01\x20\x00")))
a(udp(uni(b"\x00")))
a(udp(uni(b"\x00\x05\x01")))
a(udp(uni(b"\x30\x01")))
a(udp(uni(b"\x10")))
a(udp(uni(confirmed(15, 12, b"\x0c\x00"))))
a(udp(uni(confirmed(16, 12, b"\xff\xff\xff"))))
a(udp(b"\x00\x00\x00\x00"))
# more services whose object and property identifiers reach Info: file access, readRange and its ACK, object
# creation and deletion, subscribeCOVProperty, who-Has by object identifier, event notifications; and some whose
# identifiers do not (addListElement, writePropertyMultiple, atomicReadFile's ACK)
a(udp(uni(confirmed(19, 6, tag(12, objid(10, 5)) + opening(0) + tag(3, b"\x00") + tag(2, b"\x10") + closing(0)), expect=True)))
a(r(uni(complex_ack(19, 6, tag(1, b"") + opening(0) + tag(3, b"\x00") + tag(6, b"abc") + closing(0)))))
a(udp(uni(confirmed(20, 7, tag(12, objid(10, 5)) + opening(0) + tag(3, b"\x00") + tag(6, b"abc") + closing(0)), expect=True)))
a(udp(uni(confirmed(21, 26, ctx(0, objid(20, 1)) + ctx(1, 131)), expect=True)))
a(r(uni(complex_ack(21, 26, ctx(0, objid(20, 1)) + ctx(1, 131) + ctx(3, b"\x07\xc0") + ctx(4, 1) + opening(5) + app_uint(5) + closing(5)))))
a(udp(uni(confirmed(22, 10, opening(0) + ctx(0, 0) + closing(0)), expect=True)))
a(r(uni(complex_ack(22, 10, app_obj(AI, 4)))))
a(udp(uni(confirmed(23, 11, app_obj(AI, 9)), expect=True)))
a(udp(uni(confirmed(24, 28, ctx(0, 1) + ctx(1, objid(AI, 1)) + ctx(2, 0) + ctx(3, 60) + opening(4) + ctx(0, PV) + closing(4)), expect=True)))
a(udp(bcast(unconfirmed(7, ctx(0, 0) + ctx(1, 100) + ctx(2, objid(AI, 1)))), dst=BC))
a(r(bcast(unconfirmed(3, ctx(0, 1) + ctx(1, objid(DEV, 1)) + ctx(2, objid(AI, 1))))))
a(udp(uni(confirmed(25, 2, ctx(0, 1) + ctx(1, objid(DEV, 1)) + ctx(2, objid(AI, 1))), expect=True)))
a(udp(uni(confirmed(26, 8, ctx(0, objid(AO, 2)) + ctx(1, OBJLIST) + opening(3) + app_obj(AI, 3) + closing(3)), expect=True)))
a(udp(uni(confirmed(27, 16, ctx(0, objid(AO, 2)) + opening(1) + ctx(0, PV) + opening(2) + real(0.0) + closing(2) + closing(1)), expect=True)))

write_pcap(sys.argv[1], 1, frames)
