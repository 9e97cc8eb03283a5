// The client side of lab__bacnet.sh, node-bacnet 0.2.4 (npm, MIT): a Who-Is broadcast, one with limits, then
// ReadProperty (known and unknown objects and properties, an array index), WriteProperty, ReadPropertyMultiple,
// SubscribeCOV, time synchronisation, and services the device refuses.
const Bacnet = require('node-bacnet');
const E = Bacnet.enum;
const c = new Bacnet({ interface: process.argv[2], broadcastAddress: process.argv[3], apduTimeout: 1500 });
const dev = { address: process.argv[4] };
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const call = (f, ...a) => new Promise((r) => f.call(c, ...a, (err, v) => r([err, v])));
(async () => {
  c.whoIs();
  await wait(400);
  c.whoIs({ lowLimit: 1000, highLimit: 2000 });
  await wait(400);
  c.whoIs({ lowLimit: 0, highLimit: 10 });
  await wait(400);
  await call(c.readProperty, dev, { type: 8, instance: 1234 }, 77, {});
  await call(c.readProperty, dev, { type: 0, instance: 0 }, 85, {});
  await call(c.readProperty, dev, { type: 0, instance: 1 }, 85, {});
  await call(c.readProperty, dev, { type: 0, instance: 1 }, 111, {});
  await call(c.readProperty, dev, { type: 8, instance: 1234 }, 76, { arrayIndex: 0 });
  await call(c.readProperty, dev, { type: 8, instance: 1234 }, 76, {});
  await call(c.readProperty, dev, { type: 0, instance: 7 }, 85, {});
  await call(c.readProperty, dev, { type: 0, instance: 0 }, 4000, {});
  await call(c.writeProperty, dev, { type: 1, instance: 3 }, 85, [{ type: E.ApplicationTag.REAL, value: 50 }], { priority: 8 });
  await call(c.readPropertyMultiple, dev, [{ objectId: { type: 0, instance: 0 }, properties: [{ id: 85 }, { id: 77 }, { id: 117 }] }, { objectId: { type: 8, instance: 1234 }, properties: [{ id: 120 }, { id: 28 }] }], {});
  await call(c.subscribeCov, dev, { type: 0, instance: 0 }, 7, false, false, 300, {});
  c.timeSync(dev, new Date(Date.UTC(2026, 11, 7, 12, 0, 0)));
  c.timeSyncUTC(dev, new Date(Date.UTC(2026, 11, 7, 12, 0, 0)));
  await wait(200);
  await call(c.reinitializeDevice, dev, E.ReinitializedState.WARMSTART, {});
  await call(c.deviceCommunicationControl, dev, 5, E.EnableDisable.DISABLE, {});
  c.close();
})();
