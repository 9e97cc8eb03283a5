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
