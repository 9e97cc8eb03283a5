package main

import (
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestListQUICFilters compares the frames "ladder list -Y" and "tshark -Y"
// select with the QUIC and gQUIC fields, including those read from the
// decrypted ClientHello and ServerHello.
func TestListQUICFilters(t *testing.T) {
	oracle.Require(t)
	const (
		chromium = "../../testdata/app/zeek__zeek__testing__btest__Traces__quic__chromium-115.0.5790.110-api-cirrus-com.pcap"
		v2       = "../../testdata/app/zeek__zeek__testing__btest__Traces__quic__quicv2-http3-443.pcap"
		vn       = "../../testdata/app/the-tcpdump-group__tcpdump__tests__quic_vn.pcap"
		gq       = "../../testdata/app/nokia__pcaptoparquet__tests__data__00_functional__05_applications__30.gquic.pcap.gz"
	)
	for _, tc := range []struct{ name, file, expr string }{
		{"quic", chromium, "quic"},
		{"short headers", chromium, "quic.header_form == 0"},
		{"v1 Initials", chromium, "quic.version == 1 && quic.long.packet_type == 0"},
		{"alpn", chromium, `tls.handshake.extensions_alpn_str == "h3"`},
		{"server hello", v2, "tls.handshake.type == 2"},
		{"packet number", v2, "quic.packet_number == 1"},
		{"v2 has no v1 packet type", v2, "quic.long.packet_type == 0"},
		{"version negotiation", vn, "quic.version == 0"},
		{"gquic", gq, "gquic"},
		{"gquic sni", gq, `gquic.tag.sni contains "youtube"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			compareListFilter(t, tc.file, tc.expr, false, tc.name == "v2 has no v1 packet type")
		})
	}
}
