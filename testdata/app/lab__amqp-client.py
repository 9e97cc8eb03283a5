# AMQP 0-9-1 client for lab__amqp.sh (python3-pika 1.2, Debian 12's; run with /usr/bin/python3): one connection that
# walks the methods a RabbitMQ session uses, then a second connection whose 1-second heartbeat lets the
# server's and the client's heartbeat frames show. Usage: python3 lab__amqp-client.py SERVER_ADDRESS
import sys
import time

import pika

host = sys.argv[1]
params = pika.ConnectionParameters(host=host, credentials=pika.PlainCredentials("lab", "labpw"), heartbeat=0)
conn = pika.BlockingConnection(params)
ch = conn.channel()
ch.exchange_declare(exchange="lab.direct", exchange_type="direct", durable=False)
ch.queue_declare(queue="lab.q", durable=False)
ch.queue_bind(queue="lab.q", exchange="lab.direct", routing_key="rk1")
ch.basic_publish(exchange="lab.direct", routing_key="rk1", body=b"hello amqp",
                 properties=pika.BasicProperties(content_type="text/plain", delivery_mode=1,
                                                 headers={"lab": "yes", "n": 7}, message_id="m1"))
# a body longer than one segment, both ways (published, then fetched)
ch.basic_publish(exchange="", routing_key="lab.q", body=b"B" * 5000)
time.sleep(0.3)
ch.basic_get(queue="lab.q", auto_ack=False)  # Get-Ok with the first message
ch.basic_get(queue="lab.q", auto_ack=True)   # the big one
ch.basic_get(queue="lab.q", auto_ack=True)   # Get-Empty
ch.basic_qos(prefetch_count=10)
got = []


def on_msg(c, method, props, body):
    got.append(body)
    if body == b"nack me":
        c.basic_nack(delivery_tag=method.delivery_tag, requeue=False)
    elif body == b"reject me":
        c.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
    else:
        c.basic_ack(delivery_tag=method.delivery_tag)


tag = ch.basic_consume(queue="lab.q", on_message_callback=on_msg, consumer_tag="lab-consumer")
for body in (b"deliver me", b"nack me", b"reject me"):
    ch.basic_publish(exchange="lab.direct", routing_key="rk1", body=body)
deadline = time.time() + 3
while len(got) < 3 and time.time() < deadline:
    conn.process_data_events(time_limit=0.2)
ch.basic_cancel(tag)
ch.tx_select()
ch.basic_publish(exchange="", routing_key="lab.q", body=b"in tx")
ch.tx_commit()
ch.queue_purge(queue="lab.q")
ch.queue_unbind(queue="lab.q", exchange="lab.direct", routing_key="rk1")
ch.queue_delete(queue="lab.q")
ch.exchange_delete(exchange="lab.direct")
ch.close()
ch2 = conn.channel()
ch2.confirm_delivery()
ch2.basic_publish(exchange="", routing_key="nowhere", body=b"confirmed")
try:
    ch2.queue_declare(queue="no.such.queue", passive=True)  # Channel.Close 404 from the server
except pika.exceptions.ChannelClosedByBroker:
    pass
conn.close()

hb = pika.BlockingConnection(pika.ConnectionParameters(host=host, credentials=pika.PlainCredentials("lab", "labpw"),
                                                       heartbeat=1))
t0 = time.time()
while time.time() - t0 < 2.5:
    hb.process_data_events(time_limit=0.5)
hb.close()
