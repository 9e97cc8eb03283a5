#!/usr/bin/env python3
"""A small TDS 7.4 responder for lab__tds.sh (python3 stdlib), written from the MS-TDS specification ([MS-TDS]
v20 §2.2): there is no SQL Server here, so this plays the server's part for a real client (FreeTDS's tsql).
It answers PRELOGIN (§2.2.6.5) with encryption not supported, LOGIN7 (§2.2.6.4) with ENVCHANGE (database,
language, packet size), INFO, LOGINACK and DONE, and SQL batches (§2.2.6.7): "select 1" and "select rows"
return COLMETADATA, ROWs and DONE with a count; "select wide" returns a result longer than one packet (several
TDS packets of one message); anything with "error" returns an ERROR token and DONE with the error bit; "use x"
an ENVCHANGE; other text a bare DONE. An ATTENTION (§2.2.1.7) gets DONE with the attention bit.
Usage: python3 lab__tds-server.py ADDRESS PORT"""
import socket
import struct
import sys
import threading

PKT = 4096


def ucs2(s):
    return s.encode("utf-16-le")


def bvar(s):
    return bytes([len(s)]) + ucs2(s)


def usvar(s):
    return struct.pack("<H", len(s)) + ucs2(s)


def envchange(typ, new, old):
    body = bytes([typ]) + bvar(new) + bvar(old)
    return b"\xe3" + struct.pack("<H", len(body)) + body


def info(tok, number, state, cls, msg, server="labsql", proc="", line=1):
    body = struct.pack("<IBB", number, state, cls) + usvar(msg) + bvar(server) + bvar(proc) + struct.pack("<I", line)
    return bytes([tok]) + struct.pack("<H", len(body)) + body


def loginack():
    body = b"\x01" + struct.pack(">I", 0x74000004) + bvar("Microsoft SQL Server") + bytes([16, 0, 0x10, 0x87])
    return b"\xad" + struct.pack("<H", len(body)) + body


def done(status=0, cmd=0xc1, rows=0, tok=0xfd):
    return bytes([tok]) + struct.pack("<HHQ", status, cmd, rows)


COLLATION = bytes([0x09, 0x04, 0xd0, 0x00, 0x34])


def colmeta(cols):
    out = b"\x81" + struct.pack("<H", len(cols))
    for name, typ in cols:
        out += struct.pack("<IH", 0, 0x0009)
        if typ == "int":
            out += b"\x38"
        else:
            out += b"\xe7" + struct.pack("<H", 200) + COLLATION
        out += bvar(name)
    return out


def row(vals):
    out = b"\xd1"
    for v in vals:
        if isinstance(v, int):
            out += struct.pack("<i", v)
        else:
            out += struct.pack("<H", len(ucs2(v))) + ucs2(v)
    return out


def send(conn, typ, data, size=PKT):
    pid = 1
    chunks = [data[i:i + size - 8] for i in range(0, len(data), size - 8)] or [b""]
    for i, c in enumerate(chunks):
        status = 1 if i == len(chunks) - 1 else 0
        conn.sendall(struct.pack(">BBHHBB", typ, status, 8 + len(c), 0x0033, pid & 0xff, 0) + c)
        pid += 1


def recv_message(conn):
    data, typ = b"", None
    while True:
        hdr = b""
        while len(hdr) < 8:
            c = conn.recv(8 - len(hdr))
            if not c:
                return None, None
            hdr += c
        typ, status, length = hdr[0], hdr[1], struct.unpack(">H", hdr[2:4])[0]
        body = b""
        while len(body) < length - 8:
            c = conn.recv(length - 8 - len(body))
            if not c:
                return None, None
            body += c
        data += body
        if status & 1:
            return typ, data


def prelogin_reply():
    opts = [(0, struct.pack(">IH", 0x10000000 | 0x0fa0, 0)), (1, b"\x02"), (2, b"\x00"), (3, b""), (4, b"\x00")]
    off = 5 * len(opts) + 1
    head, body = b"", b""
    for tok, val in opts:
        head += struct.pack(">BHH", tok, off + len(body), len(val))
        body += val
    return head + b"\xff" + body


def batch(text):
    t = text.strip().lower()
    if "error" in t:
        return info(0xaa, 208, 1, 16, "Invalid object name 'nosuch'.", line=1) + done(0x0002, 0xc1, 0)
    if t.startswith("use "):
        return envchange(1, text.strip()[4:], "master") + info(0xab, 5701, 2, 0, "Changed database context.") + done(0, 0xe2, 0)
    if t == "select 1":
        return colmeta([("", "int")]) + row([1]) + done(0x0010, 0xc1, 1)
    if t == "select rows":
        rows = [(1, "alpha"), (2, "beta"), (3, "gamma")]
        return colmeta([("id", "int"), ("name", "nvarchar")]) + b"".join(row(r) for r in rows) + done(0x0010, 0xc1, len(rows))
    if t == "select wide":
        rows = [(i, "w" * 150) for i in range(40)]
        return colmeta([("id", "int"), ("name", "nvarchar")]) + b"".join(row(r) for r in rows) + done(0x0010, 0xc1, len(rows))
    return done(0, 0xc1, 0)


def serve(conn):
    with conn:
        while True:
            typ, data = recv_message(conn)
            if typ is None:
                return
            if typ == 0x12:
                send(conn, 4, prelogin_reply())
            elif typ == 0x10:
                send(conn, 4, envchange(1, "master", "") + info(0xab, 5701, 2, 0, "Changed database context to 'master'.") +
                     envchange(2, "us_english", "") + loginack() + envchange(4, "4096", "4096") + done(0, 0, 0))
            elif typ == 0x01:
                # ALL_HEADERS (§2.2.5.3) before the text in TDS 7.2 and later
                hl = struct.unpack("<I", data[:4])[0] if len(data) >= 4 else 0
                text = data[hl:].decode("utf-16-le", "replace")
                send(conn, 4, batch(text))
            elif typ == 0x06:
                send(conn, 4, done(0x0020, 0, 0))
            else:
                send(conn, 4, done(0x0002, 0, 0))


def main():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((sys.argv[1], int(sys.argv[2])))
    s.listen(4)
    while True:
        c, _ = s.accept()
        threading.Thread(target=serve, args=(c,), daemon=True).start()


main()
