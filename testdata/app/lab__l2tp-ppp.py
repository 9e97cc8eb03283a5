#!/usr/bin/env python3
# A minimal PPP peer that lab__l2tp.sh puts in place of pppd for xl2tpd (this kernel has no PPP support, so the real
# pppd cannot run). xl2tpd starts it with the pty on stdin and stdout and speaks PPP in HDLC-like asynchronous
# framing (RFC 1662) to it. It opens LCP (RFC 1661) and IPCP (RFC 1332) by acknowledging whatever the peer asks,
# then, as the LAC (LAB_PPP_ROLE=lac), sends IPv4 traffic through the tunnel: an ICMP echo request, a UDP datagram
# and a short TCP connection to the LNS's peer; as the LNS it answers them. The LAC ends with an LCP echo and an LCP
# Terminate-Request. Written for ladder's lab; not a general PPP implementation.
import os, select, struct, tty

ROLE = os.environ.get("LAB_PPP_ROLE", "lns")
ME, PEER = ("192.168.77.2", "192.168.77.1") if ROLE == "lac" else ("192.168.77.1", "192.168.77.2")
LCP, IPCP, IPV4 = 0xC021, 0x8021, 0x0021
MAGIC = 0x4C414300 if ROLE == "lac" else 0x4C4E5300

def fcs16(b):
    f = 0xFFFF
    for c in b:
        f ^= c
        for _ in range(8):
            f = (f >> 1) ^ 0x8408 if f & 1 else f >> 1
    return f ^ 0xFFFF

def send(proto, data):
    frame = b"\xff\x03" + struct.pack("!H", proto) + data
    frame += struct.pack("<H", fcs16(frame))
    out = bytearray(b"\x7e")
    for c in frame:
        if c < 0x20 or c in (0x7E, 0x7D):
            out += bytes([0x7D, c ^ 0x20])
        else:
            out.append(c)
    out.append(0x7E)
    os.write(1, bytes(out))

buf = bytearray()

def frames():
    """Yields (protocol, data) of each frame read from the pty."""
    global buf
    while True:
        while b"\x7e" in buf:
            i = buf.index(b"\x7e")
            raw, buf = bytes(buf[:i]), buf[i + 1:]
            b, esc = bytearray(), False
            for c in raw:
                if esc:
                    b.append(c ^ 0x20)
                    esc = False
                elif c == 0x7D:
                    esc = True
                else:
                    b.append(c)
            if len(b) < 6 or fcs16(bytes(b[:-2])) != struct.unpack("<H", b[-2:])[0]:
                continue
            b = bytes(b[:-2])
            if b[:2] == b"\xff\x03":
                b = b[2:]
            yield struct.unpack("!H", b[:2])[0], b[2:]
        if not select.select([0], [], [], 1.0)[0]:
            yield None, b""  # a second without input: the caller may retransmit
            continue
        d = os.read(0, 4096)
        if not d:
            return
        buf += d

def cp(code, ident, opts=b""):
    return struct.pack("!BBH", code, ident, 4 + len(opts)) + opts

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF

def a4(s):
    return bytes(int(x) for x in s.split("."))

IPID = [0x100 if ROLE == "lac" else 0x200]

def ip(proto, payload):
    IPID[0] += 1
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), IPID[0], 0x4000, 64, proto, 0, a4(ME), a4(PEER))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload

def l4sum(proto, seg):
    return csum(a4(ME) + a4(PEER) + struct.pack("!BBH", 0, proto, len(seg)) + seg)

def icmp(t, ident, seq, data):
    m = struct.pack("!BBHHH", t, 0, 0, ident, seq) + data
    return ip(1, m[:2] + struct.pack("!H", csum(m)) + m[4:])

def udp(sp, dp, data):
    u = struct.pack("!HHHH", sp, dp, 8 + len(data), 0) + data
    return ip(17, u[:6] + struct.pack("!H", l4sum(17, u)) + u[8:])

def tcp(sp, dp, seq, ack, flags, data=b""):
    t = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, flags, 64240, 0, 0) + data
    return ip(6, t[:16] + struct.pack("!H", l4sum(6, t)) + t[18:])

SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01

def main():
    tty.setraw(0)
    send(LCP, cp(1, 1, struct.pack("!BBI", 5, 6, MAGIC)))
    lcp_up = ipcp_up = lcp_acked = lcp_acking = ipcp_acked = ipcp_acking = False
    script = lac_script() if ROLE == "lac" else None
    for proto, d in frames():
        if proto is None:  # RFC 1661's restart timer, shortened
            if not lcp_acked:
                send(LCP, cp(1, 1, struct.pack("!BBI", 5, 6, MAGIC)))
            elif lcp_up and not ipcp_acked:
                send(IPCP, cp(1, 1, struct.pack("!BB", 3, 6) + a4(ME)))
            continue
        code, ident = (d[0], d[1]) if len(d) >= 2 else (0, 0)
        if proto == LCP:
            if code == 1:  # Configure-Request: acknowledge it
                send(LCP, cp(2, ident, d[4:]))
                lcp_acking = True
            elif code == 2:
                lcp_acked = True
            elif code == 9:  # Echo-Request
                send(LCP, cp(10, ident, struct.pack("!I", MAGIC) + d[8:]))
            elif code == 5:  # Terminate-Request
                send(LCP, cp(6, ident))
                return
            elif code == 6:
                return
            if lcp_acked and lcp_acking and not lcp_up:
                lcp_up = True
                send(IPCP, cp(1, 1, struct.pack("!BB", 3, 6) + a4(ME)))
        elif proto == IPCP:
            if code == 1:
                send(IPCP, cp(2, ident, d[4:]))
                ipcp_acking = True
            elif code == 2:
                ipcp_acked = True
            if ipcp_acked and ipcp_acking and not ipcp_up:
                ipcp_up = True
                if script:
                    next(script)
        elif proto == IPV4 and len(d) >= 20:
            if script:
                try:
                    script.send(d)
                except StopIteration:
                    return
            else:
                lns_answer(d)

def lac_script():
    send(IPV4, icmp(8, 0x4c32, 1, b"ladder l2tp ping"))
    yield  # the echo reply
    send(IPV4, udp(40000, 7777, b"hello over l2tp\n"))
    yield  # the answer
    send(IPV4, tcp(40001, 5555, 1000, 0, SYN))
    d = yield  # SYN-ACK
    peer_seq = struct.unpack("!I", d[24:28])[0] + 1
    send(IPV4, tcp(40001, 5555, 1001, peer_seq, ACK))
    send(IPV4, tcp(40001, 5555, 1001, peer_seq, ACK | PSH, b"ladder over l2tp\n"))
    yield  # its ACK
    d = yield  # its answer
    peer_seq += len(d) - 40
    send(IPV4, tcp(40001, 5555, 1018, peer_seq, ACK))
    send(IPV4, tcp(40001, 5555, 1018, peer_seq, ACK | FIN))
    yield  # FIN-ACK
    send(IPV4, tcp(40001, 5555, 1019, peer_seq + 1, ACK))
    send(LCP, cp(9, 7, struct.pack("!I", MAGIC)))
    send(LCP, cp(5, 8))
    while True:
        yield

def lns_answer(d):
    proto, src = d[9], d[12:16]
    body = d[20:]
    if proto == 1 and body[0] == 8:
        ident, seq = struct.unpack("!HH", body[4:8])
        send(IPV4, icmp(0, ident, seq, body[8:]))
    elif proto == 17:
        sp, dp = struct.unpack("!HH", body[:4])
        send(IPV4, udp(dp, sp, body[8:]))
    elif proto == 6:
        sp, dp, seq, ack = struct.unpack("!HHII", body[:12])
        flags, n = body[13], len(body) - 20
        if flags & SYN:
            send(IPV4, tcp(dp, sp, 5000, seq + 1, SYN | ACK))
        elif n > 0:
            send(IPV4, tcp(dp, sp, 5001, seq + n, ACK))
            send(IPV4, tcp(dp, sp, 5001, seq + n, ACK | PSH, b"ok\n"))
        elif flags & FIN:
            send(IPV4, tcp(dp, sp, 5004, seq + 1, ACK | FIN))

main()
