#!/usr/bin/python3
"""One side of a Bitcoin P2P conversation for lab__bitcoin.sh. Every message is built and serialised by
python-bitcoinlib 0.11 (Debian 12's python3-bitcoinlib: bitcoin.messages, bitcoin.net, bitcoin.core), the network
magic by its SelectParams; the conversation follows the order of a node's handshake and relay (version/verack,
getaddr/addr, ping/pong, inv/getdata/tx/notfound, getheaders/headers, getblocks/inv/block, mempool, reject).
Messages python-bitcoinlib has no class for (sendheaders, feefilter, sendcmpct, as Bitcoin Core sends them) are
framed with the same header code. Some messages go out several in one write, one split over two writes.
Usage: lab__bitcoin-peer.py server|client ADDR PORT mainnet|testnet"""
import hashlib
import socket
import struct
import sys
import time

import bitcoin
import bitcoin.core
import bitcoin.messages as m
from bitcoin.net import CAddress, CInv, CBlockLocator

role, addr, port, net = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
bitcoin.SelectParams(net)


def raw(command, body=b""):
    """A message python-bitcoinlib has no class for, framed as MsgSerializable.to_bytes frames one."""
    h = hashlib.sha256(hashlib.sha256(body).digest()).digest()
    return bitcoin.params.MESSAGE_START + command + b"\0" * (12 - len(command)) + struct.pack("<I", len(body)) + h[:4] + body


BUF = [b""]


def recv(s, n):
    """Reads until n whole messages have come (bytes of later ones are kept for the next call)."""
    got = 0
    while True:
        buf = BUF[0]
        while got < n and len(buf) >= 24 and len(buf) >= 24 + struct.unpack("<I", buf[16:20])[0]:
            buf = buf[24 + struct.unpack("<I", buf[16:20])[0]:]
            got += 1
        BUF[0] = buf
        if got >= n:
            return
        d = s.recv(65536)
        if not d:
            raise SystemExit("peer closed")
        BUF[0] += d


def send(s, *msgs):
    s.sendall(b"".join(x if isinstance(x, bytes) else x.to_bytes() for x in msgs))
    time.sleep(0.05)


def version():
    v = m.msg_version(70015)
    v.nServices = 1
    v.nTime = 1700000000
    v.addrTo.ip, v.addrTo.port = "10.9.8.2" if role == "client" else "10.9.8.1", port
    v.addrFrom.ip, v.addrFrom.port = "10.9.8.1" if role == "client" else "10.9.8.2", port
    v.nNonce = 0x1122334455667788 if role == "client" else 0x8877665544332211
    v.strSubVer = b"/python-bitcoinlib:0.11.2/"
    v.nStartingHeight = 0 if role == "client" else 12
    return v


def inv(t, h):
    i = CInv()
    i.type, i.hash = t, h
    return i


TX = bitcoin.core.CTransaction(
    [bitcoin.core.CTxIn(bitcoin.core.COutPoint(b"\x11" * 32, 0), bitcoin.core.CScript(b"\x51"))],
    [bitcoin.core.CTxOut(50000, bitcoin.core.CScript(b"\x76\xa9\x14" + b"\x22" * 20 + b"\x88\xac"))])
GENESIS = bitcoin.params.GENESIS_BLOCK

if role == "server":
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, port))
    ls.listen(1)
    s, _ = ls.accept()
    recv(s, 1)  # version
    send(s, version())
    send(s, m.msg_verack())
    recv(s, 1)  # verack
    recv(s, 3)  # sendheaders, getaddr, ping
    a = m.msg_addr()
    for ip in ("198.51.100.7", "203.0.113.9"):
        c = CAddress()
        c.nTime, c.nServices, c.ip, c.port = 1700000000, 1, ip, 8333
        a.addrs.append(c)
    send(s, a, m.msg_pong(0x0102030405060708))
    iv = m.msg_inv()
    iv.inv = [inv(1, TX.GetTxid()), inv(1, b"\x33" * 32)]
    send(s, iv)
    recv(s, 1)  # getdata
    t = m.msg_tx()
    t.tx = TX
    nf = m.msg_notfound()
    nf.inv = [inv(1, b"\x33" * 32)]
    send(s, t, nf)
    recv(s, 1)  # getheaders
    hd = m.msg_headers()
    hd.headers = [GENESIS.get_header()]
    send(s, hd)
    recv(s, 1)  # getblocks
    iv = m.msg_inv()
    iv.inv = [inv(2, GENESIS.GetHash())]
    send(s, iv)
    recv(s, 1)  # getdata
    b = m.msg_block()
    b.block = GENESIS
    msg = b.to_bytes()
    s.sendall(msg[:100])  # one message in two writes
    time.sleep(0.2)
    s.sendall(msg[100:])
    time.sleep(0.05)
    recv(s, 2)  # mempool, feefilter
    r = m.msg_reject()
    r.message, r.ccode, r.reason = b"tx", b"\x10", b"bad-txns-inputs-missingorspent"
    send(s, r, raw(b"sendcmpct", b"\x00\x01\x00\x00\x00\x00\x00\x00\x00"))
    recv(s, 1)  # ping
    send(s, m.msg_pong(42))
    time.sleep(0.3)
    s.close()
else:
    s = socket.create_connection((addr, port))
    send(s, version())
    recv(s, 2)  # version, verack
    send(s, m.msg_verack())
    send(s, raw(b"sendheaders"), m.msg_getaddr(), m.msg_ping(0x0102030405060708))
    recv(s, 3)  # addr, pong, inv
    gd = m.msg_getdata()
    gd.inv = [inv(1, TX.GetTxid()), inv(1, b"\x33" * 32)]
    send(s, gd)
    recv(s, 2)  # tx, notfound
    gh = m.msg_getheaders()
    gh.locator = CBlockLocator()
    gh.locator.vHave = [b"\0" * 32]
    send(s, gh)
    recv(s, 1)  # headers
    gb = m.msg_getblocks()
    gb.locator = CBlockLocator()
    gb.locator.vHave = [b"\0" * 32]
    send(s, gb)
    recv(s, 1)  # inv
    gd = m.msg_getdata()
    gd.inv = [inv(2, GENESIS.GetHash())]
    send(s, gd)
    recv(s, 1)  # block
    send(s, m.msg_mempool(), raw(b"feefilter", struct.pack("<Q", 1000)))
    recv(s, 2)  # reject, sendcmpct
    send(s, m.msg_ping(42))
    recv(s, 1)
    time.sleep(0.2)
    s.close()
