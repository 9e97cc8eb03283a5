package decode

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// http2Decompressed is why the HTTP/2 header lines are not at tshark's offsets.
const http2Decompressed = "tshark shows a decoded header's name and value in a 'Decompressed Header' data source of its own; ladder points them at the representation's bytes in the frame"

// smb2TreeUnchecked is why SMB2 fields differ on lab__smb1.pcap (whose
// second connection upgrades to SMB2): proto_smb2.go's tree was written for
// Info and filters and is not yet held to PDML (the response flag as a
// plain boolean, an NT status on requests, the session's account note).
const smb2TreeUnchecked = "proto_smb2.go's SMB2 tree is not yet checked against PDML: flags.response is not a bit line, requests carry an NT status, the session ID lacks tshark's Acct/Domain/Host note, smb2.tree is placed at the NBSS header, the tree ID lacks its share"

// babelPDMLPos: packet-babel.c hangs a TLV's address encoding, prefix
// length and omitted count under the "Prefix:"/"Address:"/"NH:" line that
// covers the prefix bytes, which lie after them; tshark's PDML then gives
// such a field the line's offset plus its own (an AE at 82 under a line at
// 92 shows pos 174). ladder places them at their bytes; their labels and
// sizes are checked by TestBabelPDML.
var babelPDMLPos = map[string]string{
	"babel.message.ae":      "PDML pos is the enclosing line's offset plus the field's own",
	"babel.message.plen":    "PDML pos is the enclosing line's offset plus the field's own",
	"babel.message.omitted": "PDML pos is the enclosing line's offset plus the field's own",
}

// pdmlField is one <proto> or <field> element of tshark's PDML output: the
// oracle for the details tree's field names, byte ranges and labels.
type pdmlField struct {
	Name     string      `xml:"name,attr"`
	ShowName string      `xml:"showname,attr"`
	Pos      int         `xml:"pos,attr"`
	Size     int         `xml:"size,attr"`
	Hide     string      `xml:"hide,attr"`
	Fields   []pdmlField `xml:"field"`
	Protos   []pdmlField `xml:"proto"` // nested protocols: the packet an ICMP error quotes
}

type pdmlPacket struct {
	Protos []pdmlField `xml:"proto"`
}

type pdmlDoc struct {
	Packets []pdmlPacket `xml:"packet"`
}

// flattenPDML indexes a packet's PDML fields by "name@pos".
func flattenPDML(fs []pdmlField, into map[string][]pdmlField) {
	for _, f := range fs {
		into[f.Name+"@"+itoa(f.Pos)] = append(into[f.Name+"@"+itoa(f.Pos)], f)
		flattenPDML(f.Fields, into)
		flattenPDML(f.Protos, into)
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// knownDetailDifferences are fields where ladder knowingly differs from
// tshark 4.0 in a capture, with the reason.
var knownDetailDifferences = map[string]map[string]string{
	"lab__babel.pcap":      babelPDMLPos,
	"lab__babel-hmac.pcap": babelPDMLPos,
	"lab__babel-crafted.pcap": {
		"babel.message.ae":      babelPDMLPos["babel.message.ae"],
		"babel.message.plen":    babelPDMLPos["babel.message.plen"],
		"babel.message.omitted": babelPDMLPos["babel.message.omitted"],
		"babel.message":         "frames 16, 20, 21: a TLV whose length runs past the datagram; tshark's line keeps the whole length, ladder's stops at the last byte",
		"babel.subtlv":          "frame 22: a sub-TLV whose length runs past the datagram; tshark's line keeps the whole length, ladder's stops at the last byte",
	},
	"lab__h2c.pcap": {
		"http2.continuation.header":     "tshark shows the fragment's raw bytes as text with U+FFFD for invalid UTF-8; ladder escapes them (decode.Printable)",
		"http2.header.name":             http2Decompressed,
		"http2.header.value":            http2Decompressed,
		"http2.headers.authority":       http2Decompressed,
		"http2.headers.method":          http2Decompressed,
		"http2.headers.path":            http2Decompressed,
		"http2.headers.scheme":          http2Decompressed,
		"http2.headers.status":          http2Decompressed,
		"http2.headers.accept_encoding": http2Decompressed,
		"http2.headers.user_agent":      http2Decompressed,
		"http2.headers.content_type":    http2Decompressed,
		"http2.headers.content_length":  http2Decompressed,
		"http2.headers.date":            http2Decompressed,
	},
	"zeek__zeek__testing__btest__Traces__tunnels__geneve-47101.pcap": {
		"tls": "frames 6, 7, 17: tshark's TLS layer spans the records reassembled from earlier segments as well; ladder's spans the records that lie in the frame",
	},
	"lab__capwap-crafted.pcap": {
		"udp.stream": "frame 74 (DNS in an 802.11 frame in CAPWAP): ladder's details give the outer UDP layer the inner flow's stream index, tshark the outer conversation's",
	},
	"lab__smb1.pcap": {
		"smb2.flags.response": smb2TreeUnchecked,
		"smb2.nt_status":      smb2TreeUnchecked,
		"smb2.sesid":          smb2TreeUnchecked,
		"smb2.tree":           smb2TreeUnchecked,
		"smb2.tid":            smb2TreeUnchecked,
	},
	"tcpdump__tests__timestamp_invalid_nano.pcap": {
		"frame.time":       "tshark prints an invalid sub-second field (>= 1e9) as digits",
		"frame.time_epoch": "tshark prints an invalid sub-second field (>= 1e9) as digits",
	},
	"pcapng-test-generator__output_be__difficult__test202.pcapng": {
		"frame": "tshark numbers interfaces per section and names them by if_name; decode numbers them across sections",
	},
	"seladb__PcapPlusPlus__Tests__Pcap++Test__PcapExamples__frag_http_req.pcap": {
		"http.cookie": "tshark cuts a header line longer than its label limit with a [truncated] prefix; the HTTP dissector does not",
	},
	"cisco__mercury__unit_tests__pcaps__ip_encapsulation.pcap": {
		"http.cookie":    "tshark cuts a header line longer than its label limit with a [truncated] prefix; the HTTP dissector does not",
		"http.file_data": "tshark's file data is the whole reassembled body; the HTTP dissector counts this segment's",
	},
	"the-tcpdump-group__tcpdump__tests__various_gre.pcap": {
		"llc.cisco_pid": "the LLC dissector does not name Cisco's PVSTP+ protocol ID",
		"dtp":           "tshark's DTP layer line sums up the trunk status, type and sender the TLVs hold; ladder shows the TLVs' types and lengths only",
	},
	"the-tcpdump-group__tcpdump__tests__erspan-type-ii-3.pcap": {
		"llc.oui": "the LLC dissector does not name the Bay Networks OUI (00:00:81)",
		"llc.pid": "tshark dissects the Bay Networks SNAP PID further (NDP), the LLC dissector shows it raw",
	},
	"lab__openvpn-crafted.pcap": {
		"openvpn.fragment": "tshark places each fragment's line at its offset in the reassembled message (0, 100, 200), bytes the frame does not hold; ladder's lines have no place",
	},
	"lab__mptcp-lo.pcap": {
		"http": "a body with no Content-Type goes to tshark's data dissector inside the HTTP layer, which then spans it; ladder's HTTP layer ends at the headers",
	},
	"lab__websocket.pcap": {
		"websocket.fragment": "tshark places each fragment's line at its offset in the reassembled message (0, 14, 26...), bytes the frame does not hold; ladder's lines have no place",
	},
	"pcapng-test-generator__output_be__advanced__test102.pcapng": {
		"frame": "the interface name holds CR LF, which ladder shows escaped",
	},
}

// TestDetailsAgainstPDML compares the details tree of every packet in a few
// captures (raw IP, Ethernet, IPv6, ARP/UDP/ICMP) with tshark's PDML for the
// same file: every named field must exist in tshark's tree at the same
// offset with the same size and read the same (generated fields lose the
// brackets Wireshark puts around them, as PDML omits them). Fields with no
// name are ladder's own summaries and are not compared.
func TestDetailsAgainstPDML(t *testing.T) {
	oracle.Require(t)
	// A cross-section of testdata chosen for coverage of link types,
	// layers, options and oddities; every capture would take minutes of
	// tshark time under -race.
	files := []string{
		"../testdata/lab/seed.pcap",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__dns_udp.pcap",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__dns_tcp.pcap",
		"../testdata/app/zeek__zeek__testing__btest__Traces__dns__mdns.pcap",
		"../testdata/app/CESNET__ipfixprobe__tests__functional__inputs__dns.pcap",
		"../testdata/app/lab__dns-crafted.pcap",
		"../testdata/app/lab__nbns-crafted.pcap",
		"../testdata/app/cisco__mercury__unit_tests__pcaps__stun.pcap",
		"../testdata/app/cisco__mercury__unit_tests__pcaps__stun_classic.pcap",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__ntp.pcap",
		"../testdata/app/zeek__zeek__testing__btest__Traces__ntp__NTP_sync.pcap",
		"../testdata/app/zeek__zeek__testing__btest__Traces__dhcp__dhcp.pcap",
		"../testdata/app/CESNET__ipfixprobe__tests__functional__inputs__netbios.pcap",
		"../testdata/app/CESNET__ipfixprobe__tests__functional__inputs__ssdp.pcap",
		"../testdata/app/lab__h2c.pcap",
		"../testdata/app/lab__pgsql.pcap",
		"../testdata/app/lab__mysql.pcap",
		"../testdata/app/lab__rtsp.pcap",
		"../testdata/app/lab__rtsp_tcp.pcap",
		"../testdata/app/lab__nmap.pcap",
		"../testdata/app/lab__dns-bind.pcap",
		"../testdata/app/lab__traceroute.pcap",
		"../testdata/app/lab__ipproto-crafted.pcap",
		"../testdata/app/lab__openssl.pcap",
		"../testdata/app/lab__ftp-ssh.pcap",
		"../testdata/app/lab__smb-samba.pcap",
		"../testdata/lab/seed-v6.pcap",
		"../testdata/lab/abort-client-eth.pcap",
		"../testdata/lab/refused-v6.pcap",
		"../testdata/lab/icmp-admin-prohibited.pcap",
		"../testdata/lab/icmp-port-unreachable.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__linux_dlt_sll2.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__ipv6-http-atomic-frag.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__mixed-vlan-mpls.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__ipv4__fragmented-1.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__ldap__gap-data-missing.pcapng",
		"../testdata/corpus/zeek__testing__btest__Traces__tcp__truncated-header.pcap",
		"../testdata/corpus/tcpdump__tests__802.1ad_QinQ.pcap",
		"../testdata/corpus/tcpdump__tests__nflog.pcap",
		"../testdata/corpus/gopacket__pcap__test_loopback.pcap",
		"../testdata/corpus/tcpdump__tests__LINKTYPE_RAW_ipv6.pcap",
		"../testdata/corpus/tcpdump__tests__tcp_eight_lowest_weight_flags_set.pcap",
		"../testdata/corpus/tcpdump__tests__tfo-5c1fa7f9ae91.pcap",
		"../testdata/corpus/tcpdump__tests__tcp_rst_data-trunc.pcap",
		"../testdata/corpus/tcpdump__tests__tcp_rst_diag_payload.pcap",
		"../testdata/corpus/tcpdump__tests__ipv4_invalid_total_length.pcap",
		"../testdata/corpus/tcpdump__tests__ipv4_tcp_http_xml_tso.pcap",
		"../testdata/corpus/tcpdump__tests__ssh.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__ssh__ssh.client-side-half-duplex.pcap",
		"../testdata/corpus/tcpdump__tests__pptp.pcap",
		"../testdata/corpus/tcpdump__tests__accecn_handshake.pcap",
		"../testdata/corpus/tcpdump__tests__mptcp-tcprst.pcap",
		"../testdata/corpus/tcpdump__tests__mptcp-fclose.pcap",
		"../testdata/corpus/tcpdump__tests__mptcp-v1.pcap",
		"../testdata/app/lab__mptcp-two-paths.pcapng",
		"../testdata/app/lab__mptcp-lo.pcap",
		"../testdata/corpus/tcpdump__tests__timestamp_invalid_nano.pcap",
		"../testdata/corpus/tcpdump__tests__unsupported-link-type-160.pcap",
		"../testdata/corpus/pcapng-test-generator__output_be__difficult__test202.pcapng",
		"../testdata/corpus/pcapng-test-generator__output_be__advanced__test102.pcapng",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__802.1w_rapid_STP.pcap",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__MSTP_Intra-Region_BPDUs.pcap",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__LLDP_and_CDP.pcap",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__IGMP_V2.pcap",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__igmpv3-queries.pcap",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__ieee802.11_exthdr.pcap",
		"../testdata/app/lab__wlan-crafted.pcap",
		"../testdata/app/lab__routing.pcap",
		"../testdata/app/lab__bfd.pcap",
		"../testdata/app/lab__bfd-crafted.pcap",
		"../testdata/app/lab__isis.pcap",
		"../testdata/app/lab__isis-crafted.pcap",
		"../testdata/app/lab__ldp.pcap",
		"../testdata/app/lab__sctp.pcap",
		"../testdata/app/lab__sctp-crafted.pcap",
		"../testdata/app/lab__eigrp.pcap",
		"../testdata/app/lab__eigrp-crafted.pcap",
		"../testdata/app/lab__ripng.pcap",
		"../testdata/app/lab__ripng-crafted.pcap",
		"../testdata/app/lab__babel.pcap",
		"../testdata/app/lab__babel-hmac.pcap",
		"../testdata/app/lab__babel-crafted.pcap",
		"../testdata/app/lab__sflow.pcap",
		"../testdata/app/lab__collectd.pcap",
		"../testdata/app/lab__collectd-crafted.pcap",
		"../testdata/app/lab__rmcp.pcap",
		"../testdata/app/lab__rmcp-crafted.pcap",
		"../testdata/app/lab__cql-crafted.pcap",
		"../testdata/app/lab__sflow-crafted.pcap",
		"../testdata/app/lab__natpmp-crafted.pcap",
		"../testdata/app/lab__mndp-crafted.pcap",
		"../testdata/app/lab__olsr-crafted.pcap",
		"../testdata/app/lab__aodv-crafted.pcap",
		"../testdata/app/lab__srvloc-crafted.pcap",
		"../testdata/app/lab__coap.pcap",
		"../testdata/app/lab__coap-crafted.pcap",
		"../testdata/app/lab__memcached.pcap",
		"../testdata/app/lab__memcached-crafted.pcap",
		"../testdata/app/lab__mongodb-crafted.pcap",
		"../testdata/app/lab__pflog-crafted.pcap",
		"../testdata/app/lab__enc-crafted.pcap",
		"../testdata/app/lab__chdlc-crafted.pcap",
		"../testdata/app/lab__ipnet-crafted.pcap",
		"../testdata/app/lab__frelay-crafted.pcap",
		"../testdata/app/lab__atm-rfc1483-crafted.pcap",
		"../testdata/app/lab__prism-crafted.pcap",
		"../testdata/app/lab__avs-crafted.pcap",
		"../testdata/app/lab__hsrp-crafted.pcap",
		"../testdata/app/lab__slow-crafted.pcap",
		"../testdata/app/lab__ipsec-crafted.pcap",
		"../testdata/app/lab__udp-services.pcap",
		"../testdata/app/lab__onc-rpc.pcap",
		"../testdata/app/seladb__PcapPlusPlus__Tests__Pcap++Test__PcapExamples__ip4_fragments.pcap",
		"../testdata/app/lab__dtls.pcap",
		"../testdata/app/zeek__zeek__testing__btest__Traces__tls__webrtc-stun.pcap",
		"../testdata/app/lab__ldap.pcap",
		"../testdata/app/lab__ldap_sasl.pcap",
		"../testdata/app/lab__cldap.pcap",
		"../testdata/app/lab__ldap_ntlm.pcap",
		"../testdata/app/lab__kerberos.pcap",
		"../testdata/app/lab__smb1.pcap",
		"../testdata/app/lab__bgp.pcap",
		"../testdata/app/lab__openflow-crafted.pcap",
		"../testdata/corpus/tcpdump__tests__of13_ericsson.pcapng",
		"../testdata/app/lab__irc-crafted.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__tls__irc-starttls.pcap",
		"../testdata/app/lab__db-lsp-disc-crafted.pcap",
		"../testdata/app/lab__resp.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__redis__almost-resp.pcap",
		"../testdata/app/lab__telnet.pcap",
		"../testdata/app/lab__radius.pcap",
		"../testdata/app/lab__snmpv3.pcap",
		"../testdata/app/lab__vnc.pcap",
		"../testdata/app/lab__rdp.pcap",
		"../testdata/app/lab__rdp-neg-crafted.pcap",
		"../testdata/app/lab__vnc-crafted.pcap",
		"../testdata/app/lab__rdp-mcs.pcap",
		"../testdata/app/lab__dnp3-crafted.pcap",
		"../testdata/app/lab__dnp3-crafted-udp.pcap",
		"../testdata/app/lab__diameter.pcap",
		"../testdata/app/lab__diameter-crafted.pcap",
		"../testdata/app/lab__diameter-sctp.pcap",
		"../testdata/app/lab__diameter-sctp-crafted.pcap",
		"../testdata/app/lab__dnp3-crafted-objects.pcap",
		"../testdata/app/lab__openvpn-udp.pcap",
		"../testdata/app/lab__openvpn-tcp.pcap",
		"../testdata/app/lab__openvpn-tlsauth.pcap",
		"../testdata/app/lab__openvpn-tlscryptv2.pcap",
		"../testdata/app/lab__openvpn-crafted.pcap",
		"../testdata/app/lab__enip-crafted.pcap",
		"../testdata/app/lab__bittorrent.pcap",
		"../testdata/app/lab__bittorrent-crafted.pcap",
		"../testdata/app/lab__bt-dht-lsd.pcap",
		"../testdata/app/lab__bt-dht-lsd-crafted.pcap",
		"../testdata/app/lab__websocket.pcap",
		"../testdata/app/lab__git.pcap",
		"../testdata/app/lab__iec104-crafted.pcap",
		"../testdata/app/lab__s7comm-crafted.pcap",
		"../testdata/app/lab__s7comm.pcap",
		"../testdata/app/lab__tacplus.pcap",
		"../testdata/app/lab__tacplus-crafted.pcap",
		"../testdata/app/lab__rsync.pcap",
		"../testdata/app/lab__rsync-crafted.pcap",
		"../testdata/app/lab__rtmp.pcap",
		"../testdata/app/lab__rtmp-crafted.pcap",
		"../testdata/app/lab__rmi.pcap",
		"../testdata/app/lab__rmi-crafted.pcap",
		"../testdata/app/lab__x11.pcap",
		"../testdata/app/lab__x11-crafted.pcap",
		"../testdata/app/zeek__zeek__testing__btest__Traces__http__websocket.pcap",
		"../testdata/app/lab__amqp.pcap",
		"../testdata/app/lab__amqp-crafted.pcap",
		"../testdata/app/lab__tds.pcap",
		"../testdata/app/lab__tds-crafted.pcap",
		"../testdata/app/lab__tns.pcap",
		"../testdata/app/lab__tns-crafted.pcap",
		"../testdata/app/lab__srt.pcap",
		"../testdata/app/lab__srt-crafted.pcap",
		"../testdata/app/lab__proxy.pcap",
		"../testdata/app/lab__proxy-crafted.pcap",
		"../testdata/app/lab__bacnet.pcap",
		"../testdata/app/lab__bacnet-crafted.pcap",
		"../testdata/app/lab__doip-crafted.pcap",
		"../testdata/app/lab__ptp.pcap",
		"../testdata/app/lab__ptp-crafted.pcap",
		"../testdata/app/lab__capwap-crafted.pcap",
		"../testdata/app/lab__bitcoin.pcap",
		"../testdata/app/lab__bitcoin-crafted.pcap",
		"../testdata/app/lab__rpki-rtr.pcap",
		"../testdata/app/lab__rpki-rtr-crafted.pcap",
		"../testdata/app/lab__msdp-crafted.pcap",
		"../testdata/app/lab__lisp-crafted.pcap",
		"../testdata/app/lab__macsec-crafted.pcap",
		"../testdata/app/lab__cfm-crafted.pcap",
	}
	// The encapsulation captures: each outer layer's tree as tshark's.
	encap, err := filepath.Glob("../testdata/encap/*.pcap")
	if err != nil || len(encap) == 0 {
		t.Fatalf("no captures in testdata/encap: %v", err)
	}
	files = append(files, encap...)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel() // tshark is the slow part: run the captures side by side
			out := oracle.Run(t, "-n", "-r", file, "-T", "pdml", "-o", "tcp.analyze_sequence_numbers:TRUE")
			var doc pdmlDoc
			if err := xml.Unmarshal([]byte(strings.ReplaceAll(out, "\x00", "")), &doc); err != nil {
				t.Fatalf("PDML: %v", err)
			}
			src, err := Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			idx := Load(src)
			if idx.Len() != len(doc.Packets) {
				t.Fatalf("ladder has %d packets, tshark %d", idx.Len(), len(doc.Packets))
			}
			var buf []byte
			checked, mismatched := 0, 0
			zone, offset := time.Now().Zone()
			localIsUTC := zone == "UTC" && offset == 0
			for i := range idx.Len() {
				var fields []Field
				fields, buf, err = idx.Details(i, buf)
				if err != nil {
					t.Fatalf("frame %d: %v", i+1, err)
				}
				want := map[string][]pdmlField{}
				flattenPDML(doc.Packets[i].Protos, want)
				var walk func(fs []Field)
				walk = func(fs []Field) {
					for _, f := range fs {
						walk(f.Children)
						if f.Name == "" || strings.HasPrefix(f.Name, "_ws") || f.Name == "raw" {
							continue
						}
						if _, known := knownDetailDifferences[filepath.Base(file)][f.Name]; known {
							continue
						}
						if f.Name == "frame.time" && !localIsUTC {
							continue // ladder shows UTC, tshark local time
						}
						checked++
						cands := want[f.Name+"@"+itoa(f.Start)]
						if len(cands) == 0 && f.Start == 0 && f.Len == 0 {
							// a field of a PDU reassembled from several
							// segments has no place in the frame; tshark
							// gives its place in the reassembled bytes
							for k, c := range want {
								if strings.HasPrefix(k, f.Name+"@") {
									cands = append(cands, c...)
								}
							}
						}
						if len(cands) == 0 && f.Len == 0 {
							// a generated line (a tree ID's share, a
							// FID's file name from the packet that
							// opened it): PDML places tshark's at an
							// offset of the tvb it was built from,
							// another frame's; compare it with tshark's
							// generated lines (size 0) of that name
							for k, c := range want {
								if strings.HasPrefix(k, f.Name+"@") {
									for _, g := range c {
										if g.Size == 0 {
											cands = append(cands, g)
										}
									}
								}
							}
						}
						if len(cands) == 0 {
							mismatched++
							if mismatched <= 20 {
								t.Errorf("frame %d: %s at %d (%q) not in tshark's tree", i+1, f.Name, f.Start, f.Label)
							}
							continue
						}
						ok := false
						var got []string
						for _, c := range cands {
							label := f.Label
							if strings.HasPrefix(label, "[") {
								label = strings.TrimSuffix(label[1:], "]")
							}
							sizeOK := f.Len == 0 || c.Size == f.Len
							// (a label that only begins with a bracket, as
							// AMQP's "[0] (boolean): false" array element,
							// is compared as it stands too)
							if sizeOK && (c.ShowName == label || c.ShowName == f.Label) {
								ok = true
							}
							// tshark cuts a label at ITEM_LABEL_LENGTH (240
							// bytes) and marks it "[truncated]" (after the
							// field's name, or first for a text item); ladder
							// keeps the whole value: what tshark kept must
							// begin ladder's label.
							if cut := strings.Replace(strings.Replace(c.ShowName, " [truncated]", "", 1), "[truncated]", "", 1); sizeOK &&
								cut != c.ShowName && len(cut) > 200 && strings.HasPrefix(label, cut) {
								ok = true
							}
							got = append(got, c.ShowName+" size "+itoa(c.Size))
						}
						if !ok {
							mismatched++
							if mismatched <= 20 {
								t.Errorf("frame %d: %s at %d: ladder %q size %d, tshark %q", i+1, f.Name, f.Start, f.Label, f.Len, got)
							}
						}
					}
				}
				walk(fields)
			}
			if checked == 0 && idx.Len() > 0 {
				t.Fatal("no fields compared")
			}
			t.Logf("%d fields compared, %d differ", checked, mismatched)
		})
	}
}

// TestDissectHostile feeds truncated and garbage packets to the details
// decoder: it must never read outside the bytes nor panic, and every byte
// range it reports must lie inside the captured bytes.
func TestDissectHostile(t *testing.T) {
	full := []byte{
		0x45, 0x00, 0x00, 0x3c, 0xa5, 0x1f, 0x40, 0x00, 0x40, 0x06, 0x81, 0x00, 10, 77, 0, 1, 10, 77, 0, 2,
		0xc3, 0x9e, 0x01, 0xbb, 0xbc, 0x77, 0x8d, 0x36, 0, 0, 0, 0, 0xa0, 0x02, 0xfa, 0xf0, 0xe7, 0x0f, 0, 0,
		2, 4, 5, 0xb4, 4, 2, 8, 10, 0x1b, 0x16, 0x4a, 0x42, 0, 0, 0, 0, 1, 3, 3, 10,
	}
	links := []uint16{LinkRaw, LinkEthernet, LinkNull, LinkLinuxSLL, LinkSLL2, LinkNFLog, 9999}
	for _, link := range links {
		for n := 0; n <= len(full); n++ {
			for _, mut := range []func([]byte){func([]byte) {}, func(b []byte) {
				for i := range b {
					b[i] ^= 0xff
				}
			}} {
				b := append([]byte(nil), full[:n]...)
				mut(b)
				var check func(fs []Field)
				check = func(fs []Field) {
					for _, f := range fs {
						if f.Start < 0 || f.Len < 0 || f.Start+f.Len > len(b) {
							t.Fatalf("link %d, %d bytes: %s range %d+%d outside the packet", link, n, f.Name, f.Start, f.Len)
						}
						check(f.Children)
					}
				}
				check(dissect(link, b, uint32(len(full)), tcpContext{stream: -1}))
			}
		}
	}
}

// BenchmarkDetails decodes one packet's details tree from the file, as the
// UI does each time the selection moves.
func BenchmarkDetails(b *testing.B) {
	src, err := Open("../testdata/lab/seed.pcap")
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	idx := Load(src)
	var buf []byte
	b.ReportAllocs()
	for i := range b.N {
		_, buf, err = idx.Details(i%idx.Len(), buf)
		if err != nil {
			b.Fatal(err)
		}
	}
}
