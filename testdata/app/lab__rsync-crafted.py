#!/usr/bin/env python3
"""Writes lab__rsync-crafted.pcap: rsync daemon exchanges on TCP 873 that the real capture (lab__rsync.pcap) does not
hold, for the odd paths of tshark's packet-rsync.c: a module listing whose server answers the "\\n" query with an
AUTHREQD challenge; a listing whose last segment ends "@RSYNCD: EXIT" without a final newline byte, one whose "EXIT"
line is followed by two bytes, and one that has only the EXIT line; greetings cut before the magic's end, exactly at
it, one byte after it, with a NUL, with non-ASCII bytes and control characters in the version, and without a newline;
a client that speaks first; a conversation whose client port is also 873; and cut greetings followed by whole
ones (the state stays). Hand-built, made-up addresses."""
from labpcap import write_pcap, TCPConn

A, B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
frames = []
port = [41000]


def conn(sport=873, cport=None):
    port[0] += 1
    return TCPConn(frames, {C: A, S: B}, C, S, cport or port[0], sport)


# module listing answered by an authentication challenge, then data both ways
t = conn()
t.send(S, b"@RSYNCD: 31.0\n")
t.send(C, b"@RSYNCD: 31.0\n")
t.send(C, b"\n")
t.send(S, b"@RSYNCD: AUTHREQD abcdefghijklmnopqrstuv\n")
t.send(C, b"lab 0123456789abcdefghijkl\n")
t.send(S, b"@RSYNCD: OK\n")
t.send(C, b"--server\n")

# module lists: EXIT without the final byte, EXIT followed by two bytes, EXIT alone, then more segments
t = conn()
t.send(S, b"@RSYNCD: 30.0\n")
t.send(C, b"@RSYNCD: 30.0\n")
t.send(C, b"\n")
t.send(S, b"pub\tpublic\n@RSYNCD: EXIT")
t.send(S, b"up\tuploads\n@RSYNCD: EXIT\n\n")
t.send(S, b"@RSYNCD: EXIT\n")
t.send(S, b"x@RSYNCD: EXIT\n")
t.send(S, b"after the list")
t.send(C, b"more")

# greetings cut short or odd
for g in (b"@RSY", b"@RSYNCD:", b"@RSYNCD: ", b"@RSYNCD: 29\x00.0 junk\n", b"@RSYNCD: 31.0 \xc3\xa9\xff md4\n",
          b"@RSYNCD: 31.0\tx\ry\n\n", b"@RSYNCD: 31.0", b"HELLO there\n"):
    t = conn()
    t.send(S, g)
    t.send(C, g)

# the client speaks first, the server greets twice; MOTD lines and a query with text
t = conn()
t.send(C, b"@RSYNCD: 31.0\n")
t.send(C, b"pub\n")
t.send(S, b"@RSYNCD: 31.0\n")
t.send(S, b"motd line\n")
t.send(S, b"@RSYNCD: OK\n")
t.send(C, b"--server\n")

# both ports 873: every segment counts as the server's
t = conn(sport=873, cport=873)
t.send(C, b"@RSYNCD: 31.0\n")
t.send(S, b"@RSYNCD: 31.0\n")
t.send(C, b"\n")

# a cut greeting does not move the state on: the next segment is a greeting again
t = conn()
t.send(S, b"@RSY")
t.send(S, b"@RSYNCD: 31.0\n")
t.send(C, b"@RSYNCD:")
t.send(C, b"@RSYNCD: ")
t.send(C, b"@RSYNCD: 31.0\n")
t.send(C, b"x\n")
write_pcap("lab__rsync-crafted.pcap", 1, frames)
