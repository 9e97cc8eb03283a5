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
		for range 2 {
			if n := nbssPDULen(&conv, 0, b); n < 0 || (len(b) >= 4 && n == 0) {
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
