#!/usr/bin/env python3
# Writes lab__rtp-crafted.pcap: hand-built SIP/SDP and the RTP and RTCP it sets up, one case each, for the rules of
# Wireshark 4.0's SDP-set-up RTP conversations that the real call (lab__sip_rtp.pcap) does not exercise: RTP sent
# before the SDP that announces its address (plain UDP) and after it, dynamic payload types named by a=rtpmap
# (opus, an unknown name, telephone-event on 98, speex on 101; 100 and 102 unmapped), a=rtcp giving the RTCP port,
# a=rtcp-mux (RTCP on the RTP port), a media-level c= line, a media on port 0, CSRCs, a header extension, padding,
# RTCP compound packets (SR+SDES, RR+SDES+BYE with a reason, APP), RTCP sent on the RTP port without rtcp-mux, and
# an RTP packet sent to an RTCP port, RTP EVENT packets with and without the end bit. tshark 4.0 on the output is the oracle for their columns and trees.
# Usage: python3 lab__rtp-crafted.py lab__rtp-crafted.pcap
import struct, sys
A, B = b"\x0a\x0e\x00\x01", b"\x0a\x0e\x00\x02"
C = b"\x0a\x0e\x00\x03"
def udp(payload, sport, dport, src=A, dst=B):
    u = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    ph = src + dst + struct.pack(">BBH", 0, 17, len(u)) + u + (b"\0" if len(u) % 2 else b"")
    cs = sum(struct.unpack(">%dH" % (len(ph) // 2), ph))
    while cs >> 16:
        cs = (cs & 0xffff) + (cs >> 16)
    cs = (~cs) & 0xffff or 0xffff
    u = u[:6] + struct.pack(">H", cs) + u[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, src, dst)
    return b"\x00\x11\x22\x33\x44\x55" * 2 + b"\x08\x00" + ip + u
def sip(first, callid, cseq, body):
    h = [first, "Via: SIP/2.0/UDP 10.14.0.1:5060;branch=z9hG4bK" + callid, "From: <sip:a@x>;tag=1", "To: <sip:b@x>",
         "Call-ID: " + callid, "CSeq: " + cseq, "Max-Forwards: 70", "Content-Type: application/sdp",
         "Content-Length: %d" % len(body)]
    return ("\r\n".join(h) + "\r\n\r\n").encode() + body
def sdp(addr, media):
    s = "v=0\r\no=- 1 1 IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\n" % (addr, addr)
    return (s + "".join(m + "\r\n" for m in media)).encode()
def rtp(pt, seq, ts, ssrc, payload, marker=0, csrc=(), ext=None, pad=0):
    b0 = 0x80 | (0x20 if pad else 0) | (0x10 if ext is not None else 0) | len(csrc)
    h = struct.pack(">BBHII", b0, (marker << 7) | pt, seq, ts, ssrc)
    h += b"".join(struct.pack(">I", c) for c in csrc)
    if ext is not None:
        h += struct.pack(">HH", 0xbede, len(ext) // 4) + ext
    p = payload
    if pad:
        p += b"\0" * (pad - 1) + bytes([pad])
    return h + p
def rtcp(pt, count, body):
    return struct.pack(">BBH", 0x80 | count, pt, len(body) // 4) + body
def sdes(ssrc, cname):
    items = bytes([1, len(cname)]) + cname + b"\0"
    items += b"\0" * ((4 - len(items) % 4) % 4)
    return rtcp(202, 1, struct.pack(">I", ssrc) + items)
sr = rtcp(200, 1, struct.pack(">IIIIII", 0x11223344, 0xeec06bcc, 0x570b2128, 39994, 50, 8000) +
          struct.pack(">IBBHIIII", 0x55667788, 3, 0, 7, 0x00014b98, 117, 0x6bcc570b, 65536))
rr = rtcp(201, 1, struct.pack(">I", 0x55667788) + struct.pack(">IBBHIIII", 0x11223344, 0, 0, 0, 1000, 3, 0, 0))
bye = rtcp(203, 1, struct.pack(">I", 0x55667788) + b"\x07bye now")
app = rtcp(204, 3, struct.pack(">I", 0x55667788) + b"TEST" + b"\x01\x02\x03\x04")
pcm = bytes(range(0x20, 0x20 + 160))
ev = lambda digit, end, dur: struct.pack(">BBH", digit, (0x80 if end else 0) | 10, dur)
offer = sdp("10.14.0.1", ["m=audio 40000 RTP/AVP 0 96 97 98 101", "a=rtpmap:96 opus/48000/2", "a=rtpmap:97 x-ladder/8000",
                          "a=rtpmap:98 telephone-event/8000", "a=rtpmap:101 speex/8000", "a=rtcp:40011",
                          "m=video 0 RTP/AVP 31"])
answer = sdp("10.14.0.2", ["m=audio 50000 RTP/AVP 0 96 97 98 101", "c=IN IP4 10.14.0.3", "a=rtpmap:96 opus/48000/2",
                           "a=rtpmap:97 x-ladder/8000", "a=rtpmap:98 telephone-event/8000", "a=rtpmap:101 speex/8000",
                           "a=rtcp-mux"])
frames = [
    udp(rtp(0, 1, 0, 0xaaaa0001, pcm, marker=1), 40000, 50000),             # before any SDP: UDP
    udp(sip("INVITE sip:b@10.14.0.2 SIP/2.0", "call1@x", "1 INVITE", offer), 5060, 5060),
    udp(rtp(0, 2, 160, 0xaaaa0001, pcm), 40000, 50000),                      # now RTP (source announced)
    udp(rtp(96, 7, 960, 0xbbbb0002, b"\x01" * 20), 50000, 40000, B, A),     # destination announced: opus
    udp(rtp(97, 8, 1120, 0xbbbb0002, b"\x02" * 20, marker=1), 50000, 40000, B, A),
    udp(rtp(98, 9, 1280, 0xbbbb0002, ev(5, 0, 160)), 50000, 40000, B, A),  # telephone-event on 96..: RTP EVENT
    udp(rtp(98, 10, 1280, 0xbbbb0002, ev(5, 1, 480)), 50000, 40000, B, A),
    udp(rtp(101, 11, 1440, 0xbbbb0002, b"\x03" * 20), 50000, 40000, B, A),  # 101 mapped to speex
    udp(rtp(100, 12, 1600, 0xbbbb0002, ev(10, 0, 160)), 50000, 40000, B, A),  # 100 not mapped
    udp(rtp(102, 13, 1760, 0xbbbb0002, b"\x04" * 20), 50000, 40000, B, A),  # 102 not mapped
    udp(sr + sdes(0x11223344, b"a@10.14.0.1"), 40011, 50001, A, B),          # a=rtcp port
    udp(sip("SIP/2.0 200 OK", "call1@x", "1 INVITE", answer), 5060, 5060, B, A),
    udp(rtp(0, 3, 320, 0xaaaa0001, pcm, csrc=(0x01020304, 0x05060708)), 40000, 50000, A, C),
    udp(rtp(8, 100, 0, 0xcccc0003, pcm, ext=b"\x10\xaa\x00\x00"), 50000, 40000, C, A),
    udp(rtp(8, 101, 160, 0xcccc0003, pcm[:100], pad=4), 50000, 40000, C, A),
    udp(rr + sdes(0x55667788, b"b@10.14.0.3") + bye, 50000, 40000, C, A),    # rtcp-mux
    udp(app, 50000, 40000, C, A),
    udp(sr, 40000, 50000, A, C),                                             # RTCP on the RTP port, no mux
    udp(rtp(0, 4, 480, 0xaaaa0001, pcm), 40000, 50001, A, C),                # unannounced flow from an announced source
    udp(rtp(0, 5, 480, 0xdddd0004, pcm), 41000, 42000, A, C),                # nothing announced: UDP
    udp(rtcp(200, 0, struct.pack(">IIIIII", 0x11223344, 0, 0, 0, 0, 0)) + b"\x80\xca\x00", 40011, 50001, A, C),  # short
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1000 + i, 0, len(fr), len(fr)) + fr)
