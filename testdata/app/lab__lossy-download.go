//go:build ignore

// Command lab__lossy-download makes the downloads of lab__lossy-download.pcap.gz; lab__lossy-download.sh runs it
// as a server (argument "serve", in one network namespace) and a client (in the other). The server answers
// every GET with 120,000 zero bytes as application/octet-stream; net/http sends them chunked (they do not fit
// its first write). The client fetches over HTTP (8080), HTTPS with TLS 1.2 (8443), then HTTP again.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"time"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		c := cert()
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(make([]byte, 120000))
		})
		go http.ListenAndServe("10.9.0.2:8080", h)
		ln, _ := tls.Listen("tcp", "10.9.0.2:8443", &tls.Config{Certificates: []tls.Certificate{c}, MaxVersion: tls.VersionTLS12})
		go (&http.Server{Handler: h}).Serve(ln)
		time.Sleep(30 * time.Second)
		return
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, DisableKeepAlives: true}
	c := &http.Client{Transport: tr}
	for _, u := range []string{"http://10.9.0.2:8080/a", "https://10.9.0.2:8443/b", "http://10.9.0.2:8080/c"} {
		r, err := c.Get(u)
		if err != nil {
			fmt.Println(err)
			continue
		}
		n, _ := io.Copy(io.Discard, r.Body)
		r.Body.Close()
		fmt.Println(u, n)
	}
}

func cert() tls.Certificate {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	t := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "lab.example"}, DNSNames: []string{"lab.example"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	d, _ := x509.CreateCertificate(rand.Reader, t, t, &k.PublicKey, k)
	return tls.Certificate{Certificate: [][]byte{d}, PrivateKey: k}
}
