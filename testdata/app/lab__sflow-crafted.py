#!/usr/bin/env python3
# Writes lab__sflow-crafted.pcap: sFlow datagrams pmacct's sfprobe did not send in lab__sflow.pcap, laid out per
# sflow_version_5.txt (and RFC 3176 for versions 2 and 4), to UDP 6343: v5 counters samples (generic and
# Ethernet interface counters, processor information, a record of a non-zero enterprise), expanded flow and
# expanded counters samples, a raw packet header of IPv4 (header protocol 11) and an IPv4 data record, an IPv6
# agent, an agent address of type 0 (unknown), no samples, a sample type with no name and one of a non-zero
# enterprise, a sampled header that is not a valid Ethernet frame; versions 2 and 4 (counters and flow samples);
# and the odd ones: version 3 and agent address type 3 (not sFlow), datagrams cut in the header, a sample whose
# length runs past the datagram, more samples announced than sent, a record whose length runs past the datagram.
# tshark 4.0 on the output is the oracle for their columns.
# Usage: python3 lab__sflow-crafted.py lab__sflow-crafted.pcap
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, ipv4, write_pcap

AGENT = bytes([10, 46, 0, 1])
COLL = bytes([10, 46, 0, 2])
AGENT6 = bytes.fromhex("20010db8004600000000000000000001")


def frame(payload, sport=40000, dport=6343):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    c = csum(AGENT + COLL + struct.pack("!BBH", 0, 17, len(u)) + u) or 0xFFFF
    u = u[:6] + struct.pack("!H", c) + u[8:]
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ipv4(AGENT, COLL, 17, u)


def u32(*v):
    return struct.pack("!%dI" % len(v), *v)


def hdr5(seq, nsamples, agent=AGENT, atype=None, sub=7, version=5):
    if atype is None:
        atype = 1 if len(agent) == 4 else 2
    return u32(version, atype) + agent + u32(sub, seq, 123456, nsamples)


def rec(fmt, body, enterprise=0, length=None):
    return u32(enterprise << 12 | fmt, len(body) if length is None else length) + body


def sample(fmt, body, enterprise=0, length=None):
    return u32(enterprise << 12 | fmt, len(body) if length is None else length) + body


generic = u32(3, 6) + struct.pack("!Q", 1000000000) + u32(1, 3) + struct.pack("!Q", 123456) + u32(10, 2, 3, 0, 0, 0) + \
    struct.pack("!Q", 654321) + u32(20, 4, 5, 0, 0, 0)
ether = u32(*range(13))
processor = u32(5, 10, 15) + struct.pack("!QQ", 8 << 30, 2 << 30)
counters = sample(2, u32(9, 3, 3) + rec(1, generic) + rec(2, ether) + rec(1001, processor))
counters_ent = sample(2, u32(10, 3, 1) + rec(7, b"vendor!\0", enterprise=4413))
exp_counters = sample(4, u32(11, 0, 3, 1) + rec(1, generic))

udp_inner = struct.pack("!HHHH", 5353, 5353, 12, 0) + b"abcd"
ip_inner = ipv4(bytes([192, 168, 1, 1]), bytes([192, 168, 1, 2]), 17, udp_inner)
eth_inner = b"\x02\x00\x00\x00\x00\x0b\x02\x00\x00\x00\x00\x0a\x08\x00" + ip_inner
raw_eth = rec(1, u32(1, len(eth_inner) + 4, 4, len(eth_inner)) + eth_inner + b"\0" * (-len(eth_inner) % 4))
raw_ip = rec(1, u32(11, len(ip_inner), 0, len(ip_inner)) + ip_inner + b"\0" * (-len(ip_inner) % 4))
ipv4_data = rec(3, u32(40, 17) + bytes([192, 168, 1, 1, 192, 168, 1, 2]) + u32(5353, 5353, 0, 0))
switch = rec(1001, u32(10, 0, 20, 3))
flow = sample(1, u32(1, 3, 100, 1000, 0, 3, 4, 2) + switch + raw_eth)
exp_flow = sample(3, u32(2, 0, 3, 100, 2000, 1, 0, 3, 0, 4, 2) + raw_ip + ipv4_data)
bad_eth = rec(1, u32(1, 60, 0, 6) + b"\x01\x02\x03\x04\x05\x06\0\0")
flow_bad_inner = sample(1, u32(4, 3, 100, 1000, 0, 3, 4, 1) + bad_eth)
unknown_type = sample(9, u32(1, 2, 3))
ent_sample = sample(1, u32(1, 2, 3), enterprise=9)

# versions 2 and 4: no sample lengths; a counters sample is seq, source id, interval, counters type and the
# generic counters (then the type's own); a flow sample is seq, source id, rate, pool, drops, input, output, the
# packet information type and its data, then the count of extended records
v24_generic = u32(3, 6) + struct.pack("!Q", 1000000000) + u32(1, 3) + struct.pack("!Q", 123456) + u32(10, 2, 3, 0, 0, 0) + \
    struct.pack("!Q", 654321) + u32(20, 4, 5, 0, 0, 0)
v24_counters = u32(2, 5, 3, 20, 1) + v24_generic
v24_counters_eth = u32(2, 6, 3, 20, 2) + v24_generic + ether
v24_flow = u32(1, 7, 3, 100, 1000, 0, 3, 4, 1, 1, len(eth_inner), len(eth_inner)) + eth_inner + \
    b"\0" * (-len(eth_inner) % 4) + u32(1, 1) + u32(10, 0, 20, 3)

frames = [
    frame(hdr5(1, 2) + counters + counters_ent),
    frame(hdr5(2, 1) + exp_counters),
    frame(hdr5(3, 2) + flow + exp_flow),
    frame(hdr5(4, 1, agent=AGENT6) + counters),
    frame(hdr5(5, 1, agent=b"", atype=0) + counters),
    frame(hdr5(6, 0)),
    frame(hdr5(7, 2) + unknown_type + ent_sample),
    frame(hdr5(8, 1) + flow_bad_inner),
    frame(u32(2, 1) + AGENT + u32(21, 5000, 1) + v24_counters),
    frame(u32(4, 1) + AGENT + u32(22, 5000, 2) + v24_counters_eth + v24_flow),
    frame(u32(4, 2) + AGENT6 + u32(23, 5000, 1) + v24_counters),
    frame(hdr5(9, 1, version=3) + counters),
    frame(hdr5(10, 1, atype=3) + counters),
    frame(u32(5)),
    frame(u32(5, 1)),
    frame(u32(5, 1) + AGENT + u32(7)),
    frame(hdr5(11, 1)[:-2]),
    frame(hdr5(12, 1) + sample(2, u32(9, 3, 0), length=400)),
    frame(hdr5(13, 3) + counters),
    frame(hdr5(14, 1) + sample(2, u32(9, 3, 1) + rec(1, generic, length=400))),
    frame(hdr5(15, 1) + counters[:40]),
    frame(hdr5(16, 1) + sample(1, u32(1, 3, 100, 1000, 0, 3, 4, 1) + rec(1, u32(1, 60, 0, 200) + eth_inner))),
    frame(u32(4, 1) + AGENT + u32(24, 5000, 1) + v24_counters[:30]),
    frame(u32(4, 1) + AGENT + u32(25, 5000, 2) + v24_counters),
    frame(hdr5(17, 256)),
    frame(hdr5(18, 1) + sample(2, u32(9, 3, 2) + rec(1, generic, length=8) + rec(2, ether))),
    frame(hdr5(19, 2) + ent_sample + counters),
    frame(hdr5(20, 1) + sample(2, u32(9, 3, 2) + rec(7, b"", enterprise=4413) + rec(1, generic))),
    frame(u32(4, 1) + AGENT + u32(26, 5000, 1) + u32(2, 6, 3, 20, 9) + v24_generic),
    frame(u32(4, 1) + AGENT + u32(27, 5000, 1) + u32(1, 7, 3, 100, 1000, 0, 3, 4, 1, 1, 60, 200) + eth_inner),
    frame(u32(5, 0, 7, 28, 0, 1) + counters),
    frame(hdr5(21, 1) + sample(2, u32(9, 3, 1) + rec(7, b"vendor", enterprise=4413, length=300))),
    frame(hdr5(22, 1) + sample(2, u32(9, 3, 256) + rec(1, generic))),
    frame(hdr5(23, 1) + sample(2, u32(9, 3, 2) + rec(1, generic, length=400) + rec(2, ether))),
    frame(hdr5(24, 1) + sample(5, u32(1, 2, 3))),
]

write_pcap(sys.argv[1], 1, frames)
