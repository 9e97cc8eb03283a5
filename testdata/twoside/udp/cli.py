# A DNS stub resolver as glibc's behaves: one UDP socket per lookup, and on
# a 1 s timeout the same query (same ID, same bytes) again from the same
# socket. Eight lookups of n1..n8.lab.test, one at a time.
import socket, struct, time
def query(qid, name):
    q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\x00" + struct.pack("!HH", 1, 1)
for i in range(1, 9):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1.0)
    q = query(0x1000 + i, "n%d.lab.test" % i)
    for attempt in range(2):
        s.sendto(q, ("10.88.3.1", 53))
        try:
            s.recvfrom(512)
            break
        except socket.timeout:
            pass
    s.close()
    time.sleep(0.1)
