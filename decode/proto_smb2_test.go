package decode

import (
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

// smb2Message builds an SMB2 message (MS-SMB2 2.2.1.2 header) with body.
func smb2Message(cmd uint16, resp bool, status uint32, msgID uint64, body []byte) []byte {
	m := make([]byte, 64, 64+len(body))
	copy(m, "\xfeSMB")
	binary.LittleEndian.PutUint16(m[4:], 64)
	binary.LittleEndian.PutUint32(m[8:], status)
	binary.LittleEndian.PutUint16(m[12:], cmd)
	if resp {
		binary.LittleEndian.PutUint32(m[16:], 1)
	}
	binary.LittleEndian.PutUint64(m[24:], msgID)
	return append(m, body...)
}

func nbss(m []byte) []byte {
	h := []byte{0, byte(len(m) >> 16), byte(len(m) >> 8), byte(len(m))}
	return append(h, m...)
}

func utf16Bytes(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// TestSMB2Names follows a file through Create request, Create response
// and Close, built field by field from MS-SMB2 (2.2.13, 2.2.14, 2.2.15):
// the Close names the file only because the Create response tied its file
// ID to the name the request asked for. Expected texts are tshark 4.0's.
func TestSMB2Names(t *testing.T) {
	name := utf16Bytes(`dir\file.txt`)
	create := make([]byte, 56)
	binary.LittleEndian.PutUint16(create, 57)
	binary.LittleEndian.PutUint16(create[44:], 64+56) // name offset from the header
	binary.LittleEndian.PutUint16(create[46:], uint16(len(name)))
	create = append(create, name...)
	fid := []byte("0123456789abcdef")
	createResp := make([]byte, 88)
	binary.LittleEndian.PutUint16(createResp, 89)
	copy(createResp[64:], fid)
	closeReq := make([]byte, 24)
	binary.LittleEndian.PutUint16(closeReq, 24)
	copy(closeReq[8:], fid)
	unknown := append(make([]byte, 8), []byte("fedcba9876543210")...)
	// MS-SMB2 2.2.32 IOCTL Response: StructureSize 49, then the control
	// code; tshark 4.0.17 on zeek smb_v2_only_non_zero_reserved1.pcap frame
	// 18 reads "Ioctl Response FSCTL_QUERY_NETWORK_INTERFACE_INFO"
	ioctlResp := make([]byte, 48)
	binary.LittleEndian.PutUint16(ioctlResp, 49)
	binary.LittleEndian.PutUint32(ioctlResp[4:], 0x001401fc)
	var conv Conv
	for _, tc := range []struct {
		name string
		pdu  []byte
		want string
	}{
		{"create request", nbss(smb2Message(smb2Create, false, 0, 7, create)), `Create Request File: dir\file.txt`},
		{"create response", nbss(smb2Message(smb2Create, true, 0, 7, createResp)), `Create Response File: dir\file.txt`},
		{"close of the created file", nbss(smb2Message(smb2Close, false, 0, 8, closeReq)), `Close Request File: dir\file.txt`},
		{"close of a file never opened in the capture", nbss(smb2Message(smb2Close, false, 0, 9, unknown)), `Close Request`},
		{"ioctl response", nbss(smb2Message(smb2Ioctl, true, 0, 11, ioctlResp)), `Ioctl Response FSCTL_QUERY_NETWORK_INTERFACE_INFO`},
		{"failed ioctl response", nbss(smb2Message(smb2Ioctl, true, 0xc0000010, 12, make([]byte, 8))), `Ioctl Response, Error: STATUS_INVALID_DEVICE_REQUEST`},
		{"failed response", nbss(smb2Message(smb2Create, true, 0xc0000034, 10, make([]byte, 8))), `Create Response, Error: STATUS_OBJECT_NAME_NOT_FOUND`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out Out
			out.reset(true)
			p := PDU{Data: tc.pdu, Len: len(tc.pdu), Conv: &conv, TCP: true}
			if n := nbssPDULen(&conv, 0, tc.pdu); n != len(tc.pdu) {
				t.Fatalf("PDU length %d, want %d", n, len(tc.pdu))
			}
			dissectNBSS(&p, &out)
			if out.Proto != "SMB2" || out.Info() != tc.want {
				t.Errorf("got %s %q, want SMB2 %q", out.Proto, out.Info(), tc.want)
			}
		})
	}
}

// FuzzProtoSMB2 feeds arbitrary NBSS/SMB2 bytes: no panic, no field
// outside the bytes, state bounded.
func FuzzProtoSMB2(f *testing.F) {
	f.Add(nbss(smb2Message(smb2Create, false, 0, 1, make([]byte, 60))))
	f.Add(nbss(smb2Message(smb2SessionSetup, false, 0, 1, append(make([]byte, 24), "NTLMSSP\x00\x03\x00\x00\x00"...))))
	f.Add([]byte("\x00\x00\x00\x44\xfeSMB"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var conv Conv
		for i := range 2 {
			conv.segStart = i == 0 // a segment's own bytes, then joined ones
			n := nbssPDULen(&conv, 0, b)
			conv.segStart = false
			if n < 0 || (len(b) >= 4 && n == 0) {
				t.Fatalf("PDU length %d", n)
			}
			var out Out
			out.reset(true)
			p := PDU{Data: b, Len: len(b), Conv: &conv, TCP: true}
			dissectNBSS(&p, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}

// TestNBSSContinuation checks packet-nbns.c's sanity test of bytes TCP
// hands NBSS unreassembled (RFC 1002 4.3.1 lengths per message type): at
// a segment's start they are a message's header or the continuation of
// one the capture did not show (IgmpPackets.pcap frame 66: one byte 00 from
// port 445 is "NBSS Continuation Message" in tshark 4.0.17); bytes joined
// to an earlier segment's are never tested.
func TestNBSSContinuation(t *testing.T) {
	cases := []struct {
		name  string
		b     []byte
		start bool
		want  int // nbssPDULen
		info  string
	}{
		{"one byte at a segment's start", []byte{0}, true, 1, "NBSS Continuation Message"},
		{"one byte after an earlier segment's", []byte{0}, false, 0, ""},
		{"session message", nbss([]byte("data")), true, 8, "Session message"},
		{"empty session message", []byte{0, 0, 0, 0}, true, 4, "NBSS Continuation Message"},
		{"bogus flag", []byte{0, 2, 0, 1, 9}, true, 5, "NBSS Continuation Message"},
		{"keep-alive", []byte{0x85, 0, 0, 0}, true, 4, "Session keep-alive"},
		{"keep-alive with a body", []byte{0x85, 0, 0, 1, 0}, true, 5, "NBSS Continuation Message"},
		{"negative response", []byte{0x83, 0, 0, 1, 0x80}, true, 5, "Negative session response"},
		{"retarget response, short", []byte{0x84, 0, 0, 1, 0}, true, 5, "NBSS Continuation Message"},
		{"unknown type", []byte{0x42, 0, 0, 0}, true, 4, "NBSS Continuation Message"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{segStart: c.start}
			n := nbssPDULen(conv, 0, c.b)
			conv.segStart = false
			if n != c.want {
				t.Fatalf("nbssPDULen = %d, want %d", n, c.want)
			}
			if n == 0 {
				return
			}
			var out Out
			out.reset(true)
			dissectNBSS(&PDU{Data: c.b[:n], Len: n, Conv: conv, TCP: true, SrcPort: 139, DstPort: 50000}, &out)
			if out.Info() != c.info {
				t.Errorf("Info %q, want %q", out.Info(), c.info)
			}
		})
	}
}

// TestNBSSContinuationSMBLength: a session message whose body starts "SMB"
// has a 24-bit length, so a byte 2 that would be a bogus flag is length.
func TestNBSSContinuationSMBLength(t *testing.T) {
	if nbssContinuation(append([]byte{0, 2, 0, 4}, "\xffSMB"...)) {
		t.Error("an SMB session message of 0x020004 bytes taken for a continuation")
	}
	if !nbssContinuation(append([]byte{0, 2, 0, 4}, "\xffXYZ"...)) {
		t.Error("flags 0x02 on a non-SMB session message not taken for a continuation")
	}
}
