#!/usr/bin/env python3
"""Writes lab__rtmp-crafted.pcap: RTMP on TCP 1935 that the real capture (lab__rtmp.pcap, an ffmpeg publisher) does
not hold, for the paths of tshark's packet-rtmpt.c: a player's session (handshake in odd segment sizes, connect with
an app, createStream, play, onStatus in an AMF0 command and in AMF0 data, onPlayStatus, _error, play2) with Set
Chunk Size 4096 and a message of several chunks, chunk headers of every format (a 2-byte and a 3-byte basic header,
the extended timestamp), a chunk header cut by the segment's end, control messages (Acknowledgement, Abort, Window,
Set Peer Bandwidth with every limit, User Control events with and without values, an unknown event), AMF3 command
and data, an unknown message type, a zero-length message, a function name cut short (malformed) and a message body
larger than tshark accepts. Hand-built, made-up addresses."""
import struct
from labpcap import write_pcap, TCPConn

A, B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
frames = []


def amf_str(s):
    s = s.encode()
    return b"\x02" + struct.pack("!H", len(s)) + s


def amf_num(v):
    return b"\x00" + struct.pack("!d", v)


def amf_obj(props):
    out = b"\x03"
    for k, v in props:
        k = k.encode()
        out += struct.pack("!H", len(k)) + k + v
    return out + b"\x00\x00\x09"


def chunks(csid, typ, body, ts=0, sid=0, size=128, fmt=0, ets=False):
    """A message as chunks: the first with a header of format fmt, the rest format 3."""
    bh = bytes([(fmt << 6) | csid])
    tsf = 0xffffff if ets else ts
    if fmt == 0:
        mh = struct.pack("!I", tsf)[1:] + struct.pack("!I", len(body))[1:] + bytes([typ]) + struct.pack("<I", sid)
    elif fmt == 1:
        mh = struct.pack("!I", tsf)[1:] + struct.pack("!I", len(body))[1:] + bytes([typ])
    elif fmt == 2:
        mh = struct.pack("!I", tsf)[1:]
    else:
        mh = b""
    if ets:
        mh += struct.pack("!I", ts)
    out = bh + mh + body[:size]
    rest = body[size:]
    while rest:
        out += bytes([0xc0 | csid]) + rest[:size]
        rest = rest[size:]
    return out


def cmd(csid, name, txid, *args, sid=0, typ=0x14, size=128, fmt=0):
    body = amf_str(name) + amf_num(txid) + b"".join(args)
    return chunks(csid, typ, body, sid=sid, size=size, fmt=fmt)


t = TCPConn(frames, {C: A, S: B}, C, S, 40001, 1935)
c1 = b"\x03" + bytes(range(256)) * 6
t.send(C, c1[:1000])
t.send(C, c1[1000:])
s012 = b"\x03" + bytes(1536) + bytes(range(256)) * 6
t.send(S, s012[:1])
t.send(S, s012[1:2000])
t.send(S, s012[2000:])
c2 = bytes(range(256)) * 6
connect = cmd(3, "connect", 1, amf_obj([("app", amf_str("vod")), ("flashVer", amf_str("LNX 9,0,124,2")),
                                       ("tcUrl", amf_str("rtmp://10.0.0.2/vod"))]))
t.send(C, c2 + connect)
t.send(S, chunks(2, 5, struct.pack("!I", 2500000)) + chunks(2, 6, struct.pack("!IB", 2500000, 0), fmt=1)
       + chunks(2, 6, struct.pack("!IB", 10, 1), fmt=1) + chunks(2, 6, struct.pack("!IB", 10, 7), fmt=1)
       + chunks(2, 4, struct.pack("!HI", 0, 0), fmt=1) + chunks(2, 1, struct.pack("!I", 4096), fmt=1))
res = cmd(3, "_result", 1, b"\x05", amf_obj([("level", amf_str("status")), ("code", amf_str("NetConnection.Connect.Success"))]),
          size=4096)
t.send(S, res)
t.send(C, chunks(2, 5, struct.pack("!I", 2500000)) + cmd(3, "createStream", 2, b"\x05"))
t.send(S, cmd(3, "_result", 2, b"\x05", amf_num(1), size=4096))
play = cmd(8, "play", 3, b"\x05", amf_str("movie"), sid=1)
t.send(C, play[:5])
t.send(C, play[5:] + chunks(2, 4, struct.pack("!HII", 3, 1, 3000), fmt=1))
t.send(S, chunks(2, 4, struct.pack("!HI", 4, 1), size=4096) + chunks(2, 4, struct.pack("!HI", 0, 1), fmt=1, size=4096)
       + cmd(5, "onStatus", 0, b"\x05", amf_obj([("level", amf_str("status")), ("code", amf_str("NetStream.Play.Reset"))]),
             sid=1, size=4096)
       + cmd(5, "onStatus", 0, b"\x05", amf_obj([("level", amf_str("status")), ("code", amf_str("NetStream.Play.Start"))]),
             sid=1, size=4096, fmt=1))
meta = amf_str("onStatus") + amf_obj([("code", amf_str("NetStream.Data.Start"))])
t.send(S, chunks(5, 0x12, meta, sid=1, size=4096) + chunks(5, 0x12, amf_str("onPlayStatus") + amf_obj([("code", amf_str("NetStream.Play.Complete"))]), fmt=1, size=4096))
# media: a video message of 5000 bytes in 4096-byte chunks, split over three segments
video = chunks(6, 9, b"\x17\x00" + bytes(4998), ts=40, sid=1, size=4096)
t.send(S, video[:1400])
t.send(S, video[1400:2800])
t.send(S, video[2800:] + chunks(4, 8, b"\xaf\x01" + bytes(100), ts=40, sid=1, size=4096))
# format 2 and 3 headers reusing the audio message's length and type, an extended timestamp
t.send(S, chunks(4, 8, b"\xaf\x01" + bytes(100), ts=23, fmt=2, size=4096) + bytes([0xc4]) + b"\xaf\x01" + bytes(100)
       + chunks(4, 8, b"\xaf\x01" + bytes(100), ts=0x1000000, sid=1, size=4096, ets=True))
# a 2-byte and a 3-byte basic header (chunk stream ids 64+ and 320+)
two = bytes([0x00, 10]) + struct.pack("!I", 0)[1:] + struct.pack("!I", 6)[1:] + b"\x04" + struct.pack("<I", 0) + struct.pack("!HI", 7, 99)
three = bytes([0x01]) + struct.pack("<H", 300) + struct.pack("!I", 0)[1:] + struct.pack("!I", 4)[1:] + b"\x03" + struct.pack("<I", 0) + struct.pack("!I", 12345)
t.send(S, two + three)
# client control: acknowledgement, abort, buffer length, a ping response, an unknown event, an event cut short
t.send(C, chunks(2, 3, struct.pack("!I", 9000)) + chunks(2, 2, struct.pack("!I", 4), fmt=1)
       + chunks(2, 4, struct.pack("!HI", 7, 5), fmt=1) + chunks(2, 4, struct.pack("!HI", 0x1a, 5), fmt=1)
       + chunks(2, 4, b"\x00", fmt=1) + chunks(2, 4, b"\x00\x03\x00", fmt=1))
# AMF3 command and data, _error, play2, pause-like command without params, an unknown type, an empty message
t.send(C, chunks(3, 0x11, b"\x00" + amf_str("play2")[0:] + amf_num(4) + b"\x05" + amf_obj([("streamName", amf_str("clip"))]))
       + chunks(3, 0x0f, b"\x00" + amf_str("onStatus") + amf_obj([("code", amf_str("x"))]), fmt=1)
       + cmd(3, "pause", 5, b"\x05", fmt=1) + chunks(3, 0x07, b"\x01\x02", fmt=1) + chunks(3, 0x14, b"", fmt=1)
       + chunks(3, 0x14, b"\x02\x00\x00", fmt=1))
t.send(S, cmd(3, "_error", 4, b"\x05", amf_obj([("code", amf_str("NetStream.Play.StreamNotFound"))]), size=4096)
       + cmd(3, "releaseStream", 6, b"\x05", amf_str("movie"), size=4096, fmt=1)
       + cmd(3, "FCPublish", 7, b"\x05", amf_str("mov\xe9"), size=4096, fmt=1)
       + cmd(3, "publish", 8, b"\x05", b"\x02\x00\x09abc", size=4096, fmt=1))
# a function name longer than its message (malformed), then a message tshark will not take
t.send(C, chunks(3, 0x14, b"\x02\x00\x20conn", fmt=1) + chunks(3, 0x14, b"\x05\x05", fmt=1))
t.send(C, chunks(2, 3, struct.pack("!I", 9100), fmt=1) + chunks(3, 0x14, b"\x02\x00\x20conn", fmt=1))
t.send(C, bytes([0x03]) + b"\x00\x00\x00" + b"\x7f\xff\xff" + b"\x14" + b"\x00\x00\x00\x00" + bytes(20))
t.send(C, chunks(3, 0x14, amf_str("deleteStream") + amf_num(9) + b"\x05" + amf_num(1), fmt=1))
write_pcap("lab__rtmp-crafted.pcap", 1, frames)
