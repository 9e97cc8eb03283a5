#!/usr/bin/env python3
"""lab__diameter-client.py HOST: a small Diameter client (python3 stdlib) that lab__diameter.sh runs against a
freeDiameterd peer, so the capture holds application requests and the daemons' real answers to them (Debian's
freediameter has no test_app extension). Messages are laid out per RFC 6733 (base) and RFC 4006 (credit control):
  1. CER as client.lab.test advertising Auth-Application-Id 4 (Diameter Credit Control), waits for the CEA;
  2. a CCR (INITIAL_REQUEST) for Destination-Host peer-a.lab.test, which peer-b relays to peer-a (both advertise
     the Relay application), where no credit-control server runs: peer-a's error answer comes back the same way;
  3. two CCRs in one send() (two Diameter messages in one TCP segment): one for an unknown Destination-Host
     (peer-b answers DIAMETER_UNABLE_TO_DELIVER) and one UPDATE_REQUEST to peer-a again;
  4. a CCR sent as two writes 0.2 s apart (one message over two TCP segments);
  5. a DWR answered by DWA, then DPR/DPA and close.
"""
import socket, struct, sys, time

HOST = sys.argv[1]
hbh = 0x1d1a0000
e2e = 0x5e5e0000


def avp(code, data, flags=0x40):
    ln = 8 + len(data)
    return struct.pack("!IB", code, flags) + ln.to_bytes(3, "big") + data + b"\0" * ((4 - ln % 4) % 4)


def u32(code, v, flags=0x40):
    return avp(code, struct.pack("!I", v), flags)


def s(code, v, flags=0x40):
    return avp(code, v.encode(), flags)


def msg(cmd, app, avps, request=True, proxiable=False):
    global hbh, e2e
    hbh += 1
    e2e += 1
    body = b"".join(avps)
    flags = (0x80 if request else 0) | (0x40 if proxiable else 0)
    return (bytes([1]) + (20 + len(body)).to_bytes(3, "big") + bytes([flags]) + cmd.to_bytes(3, "big")
            + struct.pack("!III", app, hbh, e2e) + body)


def recv_msg(sk):
    buf = b""
    while len(buf) < 4:
        d = sk.recv(4 - len(buf))
        if not d:
            raise EOFError
        buf += d
    n = int.from_bytes(buf[1:4], "big")
    while len(buf) < n:
        d = sk.recv(n - len(buf))
        if not d:
            raise EOFError
        buf += d
    return buf


ORIGIN = [s(264, "client.lab.test"), s(296, "lab.test")]
session = 0


def ccr(dest_host, req_type, req_num):
    global session
    session += 1
    return msg(272, 4, [s(263, "client.lab.test;1;%d" % session)] + ORIGIN + [
        s(283, "lab.test"), s(293, dest_host), u32(258, 4), s(461, "ladder-lab@lab.test"),
        u32(416, req_type), u32(415, req_num),
        # Subscription-Id (grouped): END_USER_E164, 15550100
        avp(443, u32(450, 0) + s(444, "15550100")),
    ], proxiable=True)


sk = socket.create_connection((HOST, 3868))
sk.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
sk.sendall(msg(257, 0, ORIGIN + [
    avp(257, struct.pack("!H", 1) + socket.inet_aton(sk.getsockname()[0])),
    u32(266, 0), s(269, "ladder-lab-client", 0), u32(258, 4), u32(299, 0)]))
recv_msg(sk)
sk.sendall(ccr("peer-a.lab.test", 1, 0))
recv_msg(sk)
sk.sendall(ccr("nowhere.lab.test", 1, 0) + ccr("peer-a.lab.test", 2, 1))
recv_msg(sk)
recv_msg(sk)
m = ccr("peer-a.lab.test", 3, 2)
sk.sendall(m[:60])
time.sleep(0.2)
sk.sendall(m[60:])
recv_msg(sk)
sk.sendall(msg(280, 0, ORIGIN))
recv_msg(sk)
sk.sendall(msg(282, 0, ORIGIN + [u32(273, 0)]))
recv_msg(sk)
sk.close()
