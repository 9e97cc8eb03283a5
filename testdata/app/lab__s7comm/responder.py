#!/usr/bin/env python3
"""responder.py is lab__s7comm.sh's S7 server: a small hand-written PLC stand-in (python3 stdlib; no S7 server
implementation was at hand) that accepts ISO-on-TCP on port 102, confirms the COTP connection and answers S7comm
jobs: Setup communication (PDU length 240), Read Var (DB1, flags, inputs and outputs hold data; other DBs answer
"Object does not exist"), Write Var (success) and any other function with an Ack_Data error 0x8104.
Usage: python3 responder.py ADDRESS"""
import socket, struct, sys

MEM = bytearray(range(256))


def tpkt(cotp):
    return struct.pack("!BBH", 3, 0, 4 + len(cotp)) + cotp


def dt(s7):
    return tpkt(b"\x02\xf0\x80" + s7)


def ack_data(ref, param, data=b"", err=(0, 0)):
    return dt(struct.pack("!BBHHHH", 0x32, 3, 0, ref, len(param), len(data)) + bytes(err) + param + data)


def read_var(ref, param):
    count, items, o = param[1], [], 2
    for _ in range(count):
        ts, n, db, area = param[o + 3], struct.unpack("!H", param[o + 4:o + 6])[0], struct.unpack("!H", param[o + 6:o + 8])[0], param[o + 8]
        addr = int.from_bytes(param[o + 9:o + 12], "big")
        o += 12
        if area == 0x84 and db != 1:
            items.append(b"\x0a\x00\x00\x00")
            continue
        if ts == 1:  # a bit
            items.append(b"\xff\x03\x00\x01" + bytes([MEM[(addr >> 3) % 256] >> (addr & 7) & 1]))
            continue
        size = n * {2: 1, 4: 2, 5: 2, 6: 4, 7: 4, 8: 4}.get(ts, 1)
        start = (addr >> 3) % 200
        items.append(b"\xff\x04" + struct.pack("!H", size * 8) + bytes(MEM[start:start + size]))
    data = b""
    for i, it in enumerate(items):
        data += it
        if len(it) % 2 and i < len(items) - 1:
            data += b"\x00"
    return ack_data(ref, b"\x04" + bytes([count]), data)


def serve(conn):
    buf = b""
    while True:
        chunk = conn.recv(4096)
        if not chunk:
            return
        buf += chunk
        while len(buf) >= 4 and len(buf) >= struct.unpack("!H", buf[2:4])[0]:
            n = struct.unpack("!H", buf[2:4])[0]
            pkt, buf = buf[:n], buf[n:]
            cotp = pkt[4:]
            if cotp[1] == 0xE0:  # CR: confirm with the same parameters
                conn.sendall(tpkt(bytes([cotp[0], 0xD0]) + cotp[4:6] + b"\x00\x01" + cotp[6:]))
                continue
            if cotp[1] != 0xF0:
                continue
            s7 = cotp[3:]
            ref, plen = struct.unpack("!H", s7[4:6])[0], struct.unpack("!H", s7[6:8])[0]
            param = s7[10:10 + plen]
            fn = param[0] if param else 0
            if fn == 0xF0:
                conn.sendall(ack_data(ref, b"\xf0\x00\x00\x01\x00\x01\x00\xf0"))
            elif fn == 0x04:
                conn.sendall(read_var(ref, param))
            elif fn == 0x05:
                conn.sendall(ack_data(ref, b"\x05" + bytes([param[1]]), b"\xff" * param[1]))
            else:
                conn.sendall(ack_data(ref, bytes([fn]), err=(0x81, 0x04)))


s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 102))
s.listen(1)
while True:
    c, _ = s.accept()
    try:
        serve(c)
    finally:
        c.close()
