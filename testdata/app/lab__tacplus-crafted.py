#!/usr/bin/env python3
"""Writes lab__tacplus-crafted.pcap: TACACS+ (draft-grant-tacacs-02 / RFC 8907) on TCP 49 between a client
(10.0.0.2:40049) and a server (10.0.0.1:49), built here from the message layouts because tacquito (lab__tacplus.sh)
sends only ASCII and PAP logins: unencrypted Authentication START with CHAP, MS-CHAP, ARAP and an unknown
authentication type, a SENDAUTH action, ASCII data; CONTINUE with the abort flag and data; REPLY with FAIL, an
unknown status and data; Authorization FAIL with a server message and data; Accounting with watchdog and more
flags, an ERROR reply with data; an encrypted single-connection body; an unknown packet type; and the odd cases
packet-tacacs.c meets: two messages in one segment (tshark shows the first and takes the whole segment), one
message across three segments (its header's length read in the first), a segment shorter than a header, a
body whose user length runs past it, a CHAP data length below the 17 bytes of its ID and response, a zero
length. Raw IPv4 link type. Checked with tshark 4.0.17. Run: python3 lab__tacplus-crafted.py OUT.pcap"""
import struct, sys

from labpcap import ipv4, tcp_segment, write_pcap

C, S = bytes([10, 0, 0, 2]), bytes([10, 0, 0, 1])


def seg(to_server, seq, ack, data):
    src, dst, sp, dp = (C, S, 40049, 49) if to_server else (S, C, 49, 40049)
    return ipv4(src, dst, 6, tcp_segment(src, dst, sp, dp, seq, ack, 0x18, data))


def pkt(typ, seqno, body, flags=1, sid=0x5a5a0001, ver=0xC0, length=None):
    return struct.pack("!BBBBII", ver, typ, seqno, flags, sid, len(body) if length is None else length) + body


def start(action, priv, atype, service, user=b"", port=b"", rem=b"", data=b""):
    return struct.pack("!8B", action, priv, atype, service, len(user), len(port), len(rem), len(data)) + user + port + rem + data


def cont(user=b"", data=b"", flags=0):
    return struct.pack("!HHB", len(user), len(data), flags) + user + data


def reply(status, msg=b"", data=b"", flags=0):
    return struct.pack("!BBHH", status, flags, len(msg), len(data)) + msg + data


def author_req(method, priv, atype, service, user, port, rem, args):
    return (struct.pack("!8B", method, priv, atype, service, len(user), len(port), len(rem), len(args)) + bytes(len(a) for a in args)
            + user + port + rem + b"".join(args))


def author_rep(status, msg=b"", data=b"", args=()):
    return struct.pack("!BBHH", status, len(args), len(msg), len(data)) + bytes(len(a) for a in args) + msg + data + b"".join(args)


def acct_req(flags, method, priv, atype, service, user, port, rem, args):
    return (struct.pack("!9B", flags, method, priv, atype, service, len(user), len(port), len(rem), len(args))
            + bytes(len(a) for a in args) + user + port + rem + b"".join(args))


def acct_rep(status, msg=b"", data=b""):
    return struct.pack("!HHB", len(msg), len(data), status) + msg + data


chap = start(1, 1, 3, 3, b"carol", b"Async1", b"203.0.113.9", bytes([7]) + b"challenge" + b"R" * 16)
mschap = start(1, 1, 5, 3, b"dave", b"Async2", b"", bytes([9]) + b"mschal" + b"M" * 49)
arap = start(1, 1, 4, 4, b"erin", b"", b"", b"NASCHAL1REMCHAL1REMRESP1")
msgs = [
    (True, pkt(1, 1, chap, sid=1)),
    (False, pkt(1, 2, reply(1, b"CHAP ok"), sid=1)),
    (True, pkt(1, 1, mschap, sid=2)),
    (False, pkt(1, 2, reply(2, b"", b"\x01\x02\x03"), sid=2)),
    (True, pkt(1, 1, arap, sid=3)),
    (False, pkt(1, 2, reply(0x21, b"error text", b"", flags=1), sid=3)),
    (True, pkt(1, 1, start(1, 15, 9, 2, b"frank", b"tty2", b"", b"\xde\xad"), sid=4)),
    (True, pkt(1, 1, start(4, 1, 2, 3, b"gina", b"tty3", b"", b"sendauth"), sid=5)),
    (True, pkt(1, 1, start(1, 1, 1, 1, b"", b"tty4", b"", b"hello"), sid=6)),
    (False, pkt(1, 2, reply(3, b"Data?", b"abc"), sid=6)),
    (True, pkt(1, 3, cont(b"", b"\x00\x01\x02", flags=1), sid=6)),
    (False, pkt(1, 4, reply(7, b"aborted"), sid=6)),
    (True, pkt(2, 1, author_req(1, 0, 0, 0, b"harry", b"", b"", [b"service=ppp", b"protocol=ip"]), sid=7)),
    (False, pkt(2, 2, author_rep(0x10, b"denied", b"dbg", [b"reason=x"]), sid=7)),
    (True, pkt(3, 1, acct_req(0x09, 5, 1, 1, 1, b"ivy", b"tty5", b"10.1.1.1", [b"elapsed_time=5"]), sid=8)),
    (False, pkt(3, 2, acct_rep(2, b"full", b"disk"), sid=8)),
    (False, pkt(3, 2, acct_rep(9), sid=8)),
    (True, pkt(1, 1, b"\x11" * 20, flags=4, sid=9)),
    (False, pkt(1, 2, b"\x22" * 9, flags=4, sid=9)),
    (True, pkt(4, 1, b"\x00\x01\x02\x03", sid=10)),
    (True, pkt(2, 1, author_req(6, 1, 1, 1, b"jay", b"", b"", [b"cmd=a"]), sid=11)
     + pkt(3, 1, acct_req(2, 6, 1, 1, 1, b"jay", b"", b"", []), sid=12)),
]
# one message across three segments: the first ends inside the body
lng = pkt(1, 3, cont(b"longuser" * 3, b"D" * 30), sid=14)
msgs += [(True, lng[:16]), (True, lng[16:40]), (True, lng[40:])]
msgs += [
    (True, pkt(1, 1, struct.pack("!8B", 1, 1, 1, 1, 40, 0, 0, 0) + b"le", sid=15)),
    (True, pkt(1, 1, start(1, 1, 3, 3, b"", b"", b"", b"\x05abc"), sid=16)),
    (True, pkt(2, 1, b"", sid=17)),
    (False, pkt(7, 2, b"\x01", sid=18, ver=0xD1)),
    # the stream ends inside a header: tshark waits for its 12 bytes
    (True, pkt(1, 1, start(1, 1, 2, 1, b"kim", b"tty6", b"", b"kimspassword"), sid=13)[:10]),
]
frames, seq = [], {True: 1000, False: 5000}
for up, m in msgs:
    frames.append(seg(up, seq[up], seq[not up], m))
    seq[up] += len(m)
write_pcap(sys.argv[1], 101, frames)
