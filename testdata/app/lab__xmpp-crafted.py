#!/usr/bin/env python3
"""Writes lab__xmpp-crafted.pcap: XMPP client-to-server stanzas (RFC 6120) in
TCP segments to and from port 5222 that the prosody session of lab__xmpp.pcap
does not show, checked with tshark 4.0.17: features alone in a segment, an
iq whose children the Info column names in packet-xmpp's table order rather
than the stanza's, an iq error, an element Wireshark does not know, a
presence with a from and no attributes of its short list ("PRESENCE []"),
and a message split over two segments (the first waits: its last byte is
not '>'). Raw IPv4 link type. Run: python3 lab__xmpp-crafted.py OUT.pcap"""
import struct, sys

from labpcap import ipv4, tcp_segment




C, S = bytes([10, 0, 0, 2]), bytes([10, 0, 0, 1])


def seg(to_server, seq, ack, data):
    src, dst, sp, dp = (C, S, 40000, 5222) if to_server else (S, C, 5222, 40000)
    return ipv4(src, dst, 6, tcp_segment(src, dst, sp, dp, seq, ack, 0x18, data), frag=0)


msgs = [
    (False, b"<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"),
    (True, b"<iq type='get' id='q' to='example.com'><query xmlns='jabber:iq:version'/>"
     b"<query xmlns='http://jabber.org/protocol/disco#items'/></iq>"),
    (False, b"<iq type='error' id='c1' from='example.com'><vCard xmlns='vcard-temp'/><error type='cancel'/></iq>"),
    (True, b"<r xmlns='urn:xmpp:sm:3' to='a'/>"),
    (False, b"<presence from='a@b'/>"),
    (True, b"<message><body>hel"),
    (True, b"lo</body></message>"),
]
with open(sys.argv[1], "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
    seq = {True: 1000, False: 5000}
    for i, (up, m) in enumerate(msgs):
        p = seg(up, seq[up], seq[not up], m)
        seq[up] += len(m)
        out.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)
