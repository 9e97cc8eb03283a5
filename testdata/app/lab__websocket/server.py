# The server of lab__websocket.sh: Debian 12's python3-websockets 10.4 (permessage-deflate offered by default).
# It echoes short messages, answers a long one with its length, pings the client once, answers "cork" with three
# messages written while the socket is corked (so one TCP segment carries three frames), and closes the connection
# itself with 1001 and a reason when told "bye".
import asyncio
import socket
import sys

import websockets


async def handler(ws, path=None):
    async for msg in ws:
        if msg == "cork":
            sock = ws.transport.get_extra_info("socket")
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
            await ws.send("one")
            await ws.send(b"\x00\x01two")
            await ws.send("three")
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 0)
        elif msg == "ping me":
            await ws.ping(b"server ping")
            await ws.send("pinged")
        elif msg == "bye":
            await ws.close(1001, "server going away")
        elif len(msg) > 1000:
            await ws.send("got %d" % len(msg))
        else:
            await ws.send(msg)


async def main():
    async with websockets.serve(handler, sys.argv[1], int(sys.argv[2])):
        await asyncio.Future()


asyncio.run(main())
