# Part of lab__onc-rpc.sh: hand-made ONC RPC calls (RFC 5531) to the real rpcbind at the address given, for what the
# stock clients do not send: two records in one TCP segment, one record split over two segments, a portmapper v2
# GETPORT over UDP, a call retransmitted with the same XID, and a call to a program nobody knows.
import socket, struct, sys, time
HOST = sys.argv[1]
def call(xid, prog, vers, proc, args=b""):
    cred = struct.pack("!II", 1, 24) + struct.pack("!I", 0) + struct.pack("!I", 3) + b"lab\0" + struct.pack("!III", 0, 0, 0)
    return struct.pack("!IIIIII", xid, 0, 2, prog, vers, proc) + cred + struct.pack("!II", 0, 0) + args
def rec(msg):
    return struct.pack("!I", 0x80000000 | len(msg)) + msg
getport_nfs = struct.pack("!IIII", 100003, 3, 6, 0)
getport_mnt = struct.pack("!IIII", 100005, 3, 17, 0)
# TCP: two records in one segment, then one record in two segments
s = socket.create_connection((HOST, 111))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.sendall(rec(call(0x1a000001, 100000, 2, 0)) + rec(call(0x1a000002, 100000, 2, 3, getport_nfs)))
time.sleep(0.3)
whole = rec(call(0x1a000003, 100000, 2, 3, getport_mnt))
s.sendall(whole[:30])
time.sleep(0.3)
s.sendall(whole[30:])
time.sleep(0.3)
s.close()
# UDP: GETPORT, the same call again (a retransmission), a call to an unknown program
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.settimeout(1)
c = call(0x2b000001, 100000, 2, 3, getport_nfs)
for msg in (c, c, call(0x2b000002, 100099, 1, 0)):
    u.sendto(msg, (HOST, 111))
    try:
        u.recv(1500)
    except socket.timeout:
        pass
    time.sleep(0.1)
