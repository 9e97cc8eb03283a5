package decode

import "testing"

// TestTLSOnMongoDBPort checks that TCP 27017 belongs to TLS as in tshark
// 4.0, whose MongoDB dissector registers it with ssl_dissector_add (tshark
// -G decodes: tcp.port 27017 tls): a plain OP_MSG there reads "SSL",
// "Continuation Data", as tshark 4.0.17 shows lab__mongodb-crafted.pcap
// frame 6 (the hello command, bytes below). CoAP's 5684 (CoAP over TLS)
// is TLS's too.
func TestTLSOnMongoDBPort(t *testing.T) {
	for _, port := range []uint16{27017, 5684} {
		if d := registry.tcp[port]; d != tlsDissector {
			t.Errorf("TCP %d: %v, want TLS", port, d)
		}
	}
	const hello = "340000000300000000000000dd070000" + "00000000" + "001f0000001068656c6c6f0001000000" + "02246462000600000061646d696e0000"
	checkDissect(t, hello, PDU{TCP: true, DstPort: 27017, Conv: &Conv{}}, tlsDissector.Dissect, true, "SSL", "Continuation Data")
}
