// client.js is lab__s7comm.sh's S7 client: nodes7 0.3.18 (npm, MIT), an S7
// implementation in JavaScript, connecting to rack 0 slot 2 of the PLC at
// argv[2], reading a few variables (one in a DB the PLC lacks), writing two
// and disconnecting.
const nodes7 = require('nodes7');
const conn = new nodes7({ silentMode: true });
const host = process.argv[2];
conn.initiateConnection({ port: 102, host: host, rack: 0, slot: 2, timeout: 3000 }, (err) => {
  if (err) { console.error('connect', err); process.exit(1); }
  conn.setTranslationCB((tag) => tag);
  conn.addItems(['DB1,INT0', 'DB1,REAL4', 'M10.3', 'DB1,BYTE20.4', 'DB99,INT0', 'I2.0', 'QB4']);
  conn.readAllItems((bad, values) => {
    console.log('read', bad, JSON.stringify(values));
    conn.writeItems(['DB1,INT2', 'M10.3'], [1234, true], (bad2) => {
      console.log('write', bad2);
      conn.dropConnection(() => process.exit(0));
    });
  });
});
