"""Shared pieces of the lab__*-crafted.py scripts: the Internet checksum and a classic pcap writer."""
import struct


def csum(b):
    """RFC 1071 Internet checksum of b."""
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def write_pcap(path, link, frames, step_us=0):
    """Writes frames to a microsecond pcap of the link type, one second (and step_us more) apart."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i, step_us * i, len(fr), len(fr)) + fr)


def ipv4(src, dst, proto, payload, ident=1, frag=0x4000, ttl=64):
    """An IPv4 header (no options, checksum filled in) in front of payload; src and dst are 4-byte strings."""
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, frag, ttl, proto, 0, src, dst)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def tcp_segment(src, dst, sport, dport, seq, ack, flags, payload, win=65535):
    """A TCP header without options (checksum over the IPv4 pseudo-header filled in) in front of payload."""
    t = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, win, 0, 0) + payload
    ph = src + dst + struct.pack("!BBH", 0, 6, len(t))
    return t[:16] + struct.pack("!H", csum(ph + t)) + t[18:]


class TCPConn:
    """One TCP connection between client c and server s (4-byte IPv4 addresses) whose frames are appended to
    frames as Ethernet II; macs maps each address to its MAC. The three-way handshake is written when it is made;
    send() writes one PSH/ACK segment and advances that side's sequence number."""

    def __init__(self, frames, macs, c, s, cport, sport, cseq=1000, sseq=5000):
        self.frames, self.macs = frames, macs
        self.c, self.s, self.cport, self.sport = c, s, cport, sport
        self.seq = {c: cseq, s: sseq}
        self.segment(c, cseq - 1, 0, 0x02, b"")
        self.segment(s, sseq - 1, cseq, 0x12, b"")
        self.segment(c, cseq, sseq, 0x10, b"")

    def segment(self, src, seq, ack, flags, payload):
        dst = self.s if src == self.c else self.c
        sp, dp = (self.cport, self.sport) if src == self.c else (self.sport, self.cport)
        ip = ipv4(src, dst, 6, tcp_segment(src, dst, sp, dp, seq, ack, flags, payload))
        self.frames.append(self.macs[dst] + self.macs[src] + b"\x08\x00" + ip)

    def send(self, src, payload):
        dst = self.s if src == self.c else self.c
        self.segment(src, self.seq[src], self.seq[dst], 0x18, payload)
        self.seq[src] += len(payload)
