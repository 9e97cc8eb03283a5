// Package dfilter implements the subset of Wireshark's display-filter
// language that ladder's users reach for first: comparisons, set membership,
// contains and matches, existence tests and the boolean connectives, over the
// fields a packet browser for TCP resets needs.
//
// An expression is parsed and type-checked once by Compile into a tree of
// closures. A Matcher then evaluates it against a decode.Index: fields the
// index already holds (addresses, ports, sequence numbers, flags, streams)
// are read from the compact packet record, and only fields the index lacks
// (Ethernet addresses, DNS, TLS and HTTP details, contains/matches on bytes)
// make the matcher read and walk the packet's bytes again, once per packet.
//
// Semantics follow tshark 4.0: "==" is true when any occurrence of a field
// equals the value (ip.addr == X matches source or destination), "!=" when
// every occurrence differs and the field is present, "matches" is a
// case-insensitive regular expression, "contains" is case-sensitive, and
// "and" binds tighter than "or". Error messages and their positions follow
// tshark's wording so a Wireshark user recognises them.
package dfilter
