// A small BACnet/IP device made with node-bacnet 0.2.4 (npm, MIT) for lab__bacnet.sh: it answers Who-Is with
// I-Am, ReadProperty on a device object and two analog inputs (an error for any other object or property),
// WriteProperty and SubscribeCOV with a Simple-ACK, ReadPropertyMultiple with one result per property asked, and
// leaves the other services to node-bacnet's own answer (an Error with reject-unrecognized-service).
const Bacnet = require('node-bacnet');
const E = Bacnet.enum;
const dev = new Bacnet({ broadcastAddress: process.argv[3], apduTimeout: 2000 });
const T = E.ApplicationTag;
const objects = {
  '8:1234': { 77: [{ type: T.CHARACTER_STRING, value: 'ladder-lab' }], 75: [{ type: T.OBJECTIDENTIFIER, value: { type: 8, instance: 1234 } }],
    76: [{ type: T.OBJECTIDENTIFIER, value: { type: 8, instance: 1234 } }, { type: T.OBJECTIDENTIFIER, value: { type: 0, instance: 0 } }, { type: T.OBJECTIDENTIFIER, value: { type: 0, instance: 1 } }],
    120: [{ type: T.UNSIGNED_INTEGER, value: 260 }], 28: [{ type: T.CHARACTER_STRING, value: 'made here' }] },
  '0:0': { 85: [{ type: T.REAL, value: 21.5 }], 77: [{ type: T.CHARACTER_STRING, value: 'Zone Temp' }], 117: [{ type: T.ENUMERATED, value: 62 }] },
  '0:1': { 85: [{ type: T.REAL, value: -3.25 }], 77: [{ type: T.CHARACTER_STRING, value: 'Outside Air' }], 111: [{ type: T.BIT_STRING, value: { value: [0], bitsUsed: 4 } }] },
};
dev.on('whoIs', (m) => {
  const lo = m.payload.lowLimit, hi = m.payload.highLimit;
  if (lo !== undefined && (1234 < lo || 1234 > hi)) return;
  dev.iAmResponse(null, 1234, E.Segmentation.NO_SEGMENTATION, 260);
});
dev.on('readProperty', (m) => {
  const o = objects[m.payload.objectId.type + ':' + m.payload.objectId.instance];
  if (!o) return dev.errorResponse(m.header.sender, m.service, m.invokeId, E.ErrorClass.OBJECT, E.ErrorCode.UNKNOWN_OBJECT);
  const v = o[m.payload.property.id];
  if (!v) return dev.errorResponse(m.header.sender, m.service, m.invokeId, E.ErrorClass.PROPERTY, E.ErrorCode.UNKNOWN_PROPERTY);
  dev.readPropertyResponse(m.header.sender, m.invokeId, m.payload.objectId, m.payload.property, v);
});
dev.on('writeProperty', (m) => dev.simpleAckResponse(m.header.sender, m.service, m.invokeId));
dev.on('subscribeCov', (m) => dev.simpleAckResponse(m.header.sender, m.service, m.invokeId));
dev.on('readPropertyMultiple', (m) => {
  const values = m.payload.properties.map((p) => {
    const o = objects[p.objectId.type + ':' + p.objectId.instance] || {};
    return { objectId: p.objectId, values: p.properties.map((q) => ({ property: q, value: o[q.id] || [{ type: T.ERROR, value: { errorClass: 2, errorCode: 32 } }] })) };
  });
  dev.readPropertyMultipleResponse(m.header.sender, m.invokeId, values);
});
setTimeout(() => dev.close(), Number(process.argv[4] || 20000));
