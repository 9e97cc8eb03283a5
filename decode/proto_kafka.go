package decode

import (
	"encoding/binary"
	"strconv"
)

// Apache Kafka's wire protocol as Wireshark 4.0's packet-kafka.c shows it
// on TCP 9092 (tshark -G decodes: tcp.port 9092 kafka; no heuristic). A PDU
// is a 32-bit big-endian length and that many bytes. A PDU sent to the
// server port is a request: API key, API version, correlation ID, client ID
// (and, for the versions packet-kafka.c's table calls flexible, tagged
// fields); the Info column reads "Kafka Metadata v9 Request". A response
// carries only the correlation ID: it is named after the request of the
// conversation with that ID ("Kafka Metadata v9 Response"), and reads
// "Kafka Response (Undecoded, Request Missing)" when there is none. As in
// packet-kafka.c a request is remembered only once its body was read to
// the end (a cut request leaves its response unmatched), the first request
// with an ID wins, and a Produce request whose first body field (the acks
// of versions 0-2) is 0 expects no response.
//
// The bodies of the APIs clients use to produce, consume and coordinate
// groups are read as packet-kafka.c reads them, because they add to the
// Info column: a non-zero error code appends " [Error name] ", the group
// APIs name the group and member, and a body cut short appends
// "[Malformed Packet]". Those APIs are ApiVersions, Metadata, Produce,
// Fetch, ListOffsets ("Offsets"), ControlledShutdown, OffsetCommit,
// OffsetFetch, FindCoordinator, JoinGroup, Heartbeat, LeaveGroup, SyncGroup,
// InitProducerId and OffsetForLeaderEpoch; a version beyond packet-kafka.c's
// table is read with the same version tests, as packet-kafka.c reads it. Other APIs show
// their header only (their bodies' errors are not read), and record
// batches are stepped over by their sizes without reading the records.

const kafkaPort = 9092 // tshark -G decodes: tcp.port 9092 kafka

// kafkaAPI is one row of packet-kafka.c's kafka_apis: the name, the highest
// version it dissects (all start at 0) and the first flexible version (-1:
// none).
type kafkaAPI struct {
	name     string
	max      int16
	flexible int16
}

// kafkaAPIs is packet-kafka.c's kafka_apis in 4.0 (Kafka 2.5's APIs).
var kafkaAPIs = []kafkaAPI{
	{"Produce", 8, -1}, {"Fetch", 11, -1}, {"Offsets", 5, -1}, {"Metadata", 9, 9},
	{"LeaderAndIsr", 4, 4}, {"StopReplica", 2, 2}, {"UpdateMetadata", 6, 6}, {"ControlledShutdown", 3, 3},
	{"OffsetCommit", 8, 8}, {"OffsetFetch", 7, 6}, {"FindCoordinator", 3, 3}, {"JoinGroup", 7, 6},
	{"Heartbeat", 4, 4}, {"LeaveGroup", 4, 4}, {"SyncGroup", 5, 4}, {"DescribeGroups", 5, 5},
	{"ListGroups", 3, 3}, {"SaslHandshake", 1, -1}, {"ApiVersions", 3, 3}, {"CreateTopics", 5, 5},
	{"DeleteTopics", 4, 4}, {"DeleteRecords", 1, -1}, {"InitProducerId", 3, 2}, {"OffsetForLeaderEpoch", 3, -1},
	{"AddPartitionsToTxn", 1, -1}, {"AddOffsetsToTxn", 1, -1}, {"EndTxn", 1, -1}, {"WriteTxnMarkers", 0, -1},
	{"TxnOffsetCommit", 3, 3}, {"DescribeAcls", 2, 2}, {"CreateAcls", 2, 2}, {"DeleteAcls", 2, 2},
	{"DescribeConfigs", 2, -1}, {"AlterConfigs", 1, -1}, {"AlterReplicaLogDirs", 1, -1}, {"DescribeLogDirs", 1, -1},
	{"SaslAuthenticate", 2, 2}, {"CreatePartitions", 2, 2}, {"CreateDelegationToken", 2, 2}, {"RenewDelegationToken", 2, 2},
	{"ExpireDelegationToken", 2, 2}, {"DescribeDelegationToken", 2, 2}, {"DeleteGroups", 2, 2}, {"ElectLeaders", 2, 2},
	{"IncrementalAlterConfigs", 1, 1}, {"AlterPartitionReassignments", 0, 0}, {"ListPartitionReassignments", 0, 0},
	{"OffsetDelete", 0, -1},
}

// The API keys whose bodies are read.
const (
	kafkaProduce         = 0
	kafkaFetch           = 1
	kafkaOffsets         = 2
	kafkaMetadata        = 3
	kafkaControlledShut  = 7
	kafkaOffsetCommit    = 8
	kafkaOffsetFetch     = 9
	kafkaFindCoordinator = 10
	kafkaJoinGroup       = 11
	kafkaHeartbeat       = 12
	kafkaLeaveGroup      = 13
	kafkaSyncGroup       = 14
	kafkaAPIVersions     = 18
	kafkaInitProducerID  = 22
	kafkaOffsetForEpoch  = 23
)

// kafkaErrors is packet-kafka.c's kafka_errors (-1 to 88).
var kafkaErrors = map[int16]string{
	-1: "Unexpected Server Error", 0: "No Error", 1: "Offset Out Of Range", 2: "Invalid Message",
	3: "Unknown Topic or Partition", 4: "Invalid Message Size", 5: "Leader Not Available",
	6: "Not Leader For Partition", 7: "Request Timed Out", 8: "Broker Not Available",
	10: "Message Size Too Large", 11: "Stale Controller Epoch Code", 12: "Offset Metadata Too Large",
	14: "Offsets Load In Progress", 15: "The Coordinator is not Available", 16: "Not Coordinator For Consumer",
	17: "Invalid topic", 18: "Message batch larger than configured server segment size",
	19: "Not enough in-sync replicas", 20: "Message(s) written to insufficient number of in-sync replicas",
	21: "Invalid required acks value", 22: "Specified group generation id is not valid",
	23: "Inconsistent group protocol", 24: "Invalid group.id", 25: "Unknown member", 26: "Invalid session timeout",
	27: "Group rebalance in progress", 28: "Commit offset data size is not valid", 29: "Topic authorization failed",
	30: "Group authorization failed", 31: "Cluster authorization failed", 32: "Invalid timestamp",
	33: "Unsupported SASL mechanism", 34: "Illegal SASL state", 35: "Unsupported version", 36: "Topic already exists",
	37: "Invalid number of partitions", 38: "Invalid replication-factor", 39: "Invalid replica assignment",
	40: "Invalid configuration", 41: "Not controller", 42: "Invalid request", 43: "Unsupported for Message Format",
	44: "Policy Violation", 45: "Out of Order Sequence Number", 46: "Duplicate Sequence Number",
	47: "Invalid Producer Epoch", 48: "Invalid Transaction State", 49: "Invalid Producer ID Mapping",
	50: "Invalid Transaction Timeout", 51: "Concurrent Transactions", 52: "Transaction Coordinator Fenced",
	53: "Transactional ID Authorization Failed", 54: "Security Disabled", 55: "Operation not Attempted",
	56: "Kafka Storage Error", 57: "Log Directory not Found", 58: "SASL Authentication failed",
	59: "Unknown Producer ID", 60: "Partition Reassignment in Progress", 61: "Delegation Token Auth Disabled",
	62: "Delegation Token not Found", 63: "Delegation Token Owner Mismatch", 64: "Delegation Token Request not Allowed",
	65: "Delegation Token Authorization Failed", 66: "Delegation Token Expired", 67: "Supplied Principal Type Unsupported",
	68: "Not Empty Group", 69: "Group ID not Found", 70: "Fetch Session ID not Found", 71: "Invalid Fetch Session Epoch",
	72: "Listener not Found", 73: "Topic Deletion Disabled", 74: "Fenced Leader Epoch", 75: "Unknown Leader Epoch",
	76: "Unsupported Compression Type", 77: "Stale Broker Epoch", 78: "Offset not Available", 79: "Member ID Required",
	80: "Preferred Leader not Available", 81: "Group Max Size Reached", 82: "Fenced Instance ID",
	83: "Eligible topic partition leaders are not available", 84: "Leader election not needed for topic partition",
	85: "No partition reassignment is in progress",
	86: "Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it",
	87: "This record has failed the validation on broker and hence will be rejected",
	88: "There are unstable offsets that need to be cleared",
}

func kafkaAPIName(key int16) string {
	if key >= 0 && int(key) < len(kafkaAPIs) {
		return kafkaAPIs[key].name
	}
	return "Unknown " + strconv.Itoa(int(key))
}

func kafkaErrorName(e int16) string {
	if s, ok := kafkaErrors[e]; ok {
		return s
	}
	return "Unknown " + strconv.Itoa(int(e))
}

// kafkaMatch is a request a response may answer.
type kafkaMatch struct {
	key, version int16
	frame        int
}

// kafkaState is a conversation's requests by correlation ID.
type kafkaState struct {
	reqs map[uint32]kafkaMatch
}

var kafka = &Dissector{
	Name:    "kafka",
	Dissect: kafkaDissect,
	PDULen:  kafkaPDULen,
	Fields: []FieldDef{
		{Name: "kafka", Desc: "Kafka", Kind: FieldProto},
		{Name: "kafka.len", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "kafka.api_key", Desc: "API Key", Kind: FieldUint, Bits: 16},
		{Name: "kafka.api_version", Desc: "API Version", Kind: FieldUint, Bits: 16},
		{Name: "kafka.response.version", Desc: "API Version", Kind: FieldUint, Bits: 16},
		{Name: "kafka.correlation_id", Desc: "Correlation ID", Kind: FieldUint, Bits: 32},
		{Name: "kafka.client_id", Desc: "Client ID", Kind: FieldString},
		{Name: "kafka.request_frame", Desc: "Request Frame", Kind: FieldUint, Bits: 32},
		{Name: "kafka.error", Desc: "Error", Kind: FieldUint, Bits: 16},
		{Name: "kafka.error_message", Desc: "Error Message", Kind: FieldString},
		{Name: "kafka.throttle_time", Desc: "Throttle time", Kind: FieldUint, Bits: 32},
		{Name: "kafka.topic_name", Desc: "Topic Name", Kind: FieldString},
		{Name: "kafka.partition_id", Desc: "Partition ID", Kind: FieldUint, Bits: 32},
		{Name: "kafka.offset", Desc: "Offset", Kind: FieldUint, Bits: 64},
		{Name: "kafka.required_acks", Desc: "Required Acks", Kind: FieldUint, Bits: 16},
		{Name: "kafka.timeout", Desc: "Timeout", Kind: FieldUint, Bits: 32},
		{Name: "kafka.transactional_id", Desc: "Transactional ID", Kind: FieldString},
		{Name: "kafka.consumer_group", Desc: "Consumer Group", Kind: FieldString},
		{Name: "kafka.member_id", Desc: "Consumer Group Member ID", Kind: FieldString},
		{Name: "kafka.generation_id", Desc: "Generation ID", Kind: FieldUint, Bits: 32},
		{Name: "kafka.protocol_type", Desc: "Protocol Type", Kind: FieldString},
		{Name: "kafka.protocol_name", Desc: "Protocol Name", Kind: FieldString},
		{Name: "kafka.coordinator_key", Desc: "Coordinator Key", Kind: FieldString},
		{Name: "kafka.node_id", Desc: "Node ID", Kind: FieldUint, Bits: 32},
		{Name: "kafka.host", Desc: "Host", Kind: FieldString},
		{Name: "kafka.port", Desc: "Port", Kind: FieldUint, Bits: 32},
		{Name: "kafka.api_versions.api_key", Desc: "API Key", Kind: FieldUint, Bits: 16},
		{Name: "kafka.api_versions.min_version", Desc: "Min Version", Kind: FieldUint, Bits: 16},
		{Name: "kafka.api_versions.max_version", Desc: "Max Version", Kind: FieldUint, Bits: 16},
		{Name: "kafka.client_software_name", Desc: "Client Software Name", Kind: FieldString},
		{Name: "kafka.client_software_version", Desc: "Client Software Version", Kind: FieldString},
		{Name: "kafka.producer_id", Desc: "Producer ID", Kind: FieldUint, Bits: 64},
		{Name: "kafka.producer_epoch", Desc: "Producer Epoch", Kind: FieldUint, Bits: 16},
	},
}

func init() { RegisterTCP(kafka, kafkaPort) }

// kafkaPDULen is get_kafka_pdu_len: four bytes of length and what they
// count.
func kafkaPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 4 {
		return 0
	}
	n := uint64(binary.BigEndian.Uint32(b)) + 4
	return int(min(n, PDUUntilFIN-1))
}

// kafkaShort is what a read past the PDU's bytes panics with, as a tvb
// read throws in Wireshark; kafkaDissect recovers it.
type kafkaShort struct{}

// kafkaMsg reads one PDU's fields.
type kafkaMsg struct {
	b    []byte
	off  int
	cut  bool // the PDU was cut at maxPDUKeep: running out is not malformed
	out  *Out
	tree bool
	f    *[]Field // where fields go
	flex bool     // the API version is flexible
	ver  int16
}

func (m *kafkaMsg) need(n int) {
	if n < 0 || m.off+n > len(m.b) || m.off+n < m.off {
		panic(kafkaShort{})
	}
}

func (m *kafkaMsg) add(f Field) {
	if m.tree {
		*m.f = append(*m.f, f)
	}
}

// sub runs fn with fields going under a labelled subtree.
func (m *kafkaMsg) sub(label string, fn func()) {
	if !m.tree {
		fn()
		return
	}
	start := m.off
	parent := m.f
	var kids []Field
	m.f = &kids
	defer func() {
		m.f = parent
		*parent = append(*parent, Field{Label: label, Start: start, Len: max(min(m.off, len(m.b))-start, 0), Children: kids})
	}()
	fn()
}

func (m *kafkaMsg) u8() uint8 {
	m.need(1)
	v := m.b[m.off]
	m.off++
	return v
}

// signed reads an n-byte big-endian two's-complement integer, adding it to
// the tree when name is set.
func (m *kafkaMsg) signed(name, label string, n int) int64 {
	m.need(n)
	var u uint64
	for _, c := range m.b[m.off : m.off+n] {
		u = u<<8 | uint64(c)
	}
	shift := uint(64 - 8*n)
	v := int64(u<<shift) >> shift
	if name != "" {
		m.add(Field{Name: name, Label: label + ": " + strconv.FormatInt(v, 10), Start: m.off, Len: n, Kind: FieldUint, Num: u})
	}
	m.off += n
	return v
}

func (m *kafkaMsg) i16(name, label string) int16 { return int16(m.signed(name, label, 2)) }
func (m *kafkaMsg) i32(name, label string) int32 { return int32(m.signed(name, label, 4)) }
func (m *kafkaMsg) i64(name, label string) int64 { return m.signed(name, label, 8) }

// skip steps over n bytes that must be there.
func (m *kafkaMsg) skip(n int) {
	m.need(n)
	m.off += n
}

// uvarint reads an unsigned protobuf varint as tvb_get_varint does (at most
// ten bytes); a varint that does not end is malformed here (packet-kafka.c
// goes on at offset -1, which reads from the PDU's end).
func (m *kafkaMsg) uvarint() uint64 {
	var v uint64
	for i := 0; i < 10; i++ {
		c := m.u8()
		v |= uint64(c&0x7f) << (7 * i)
		if c&0x80 == 0 {
			return v
		}
	}
	panic(kafkaShort{})
}

// str reads a string, compact when flex, and returns it with ok false for
// a null one.
func (m *kafkaMsg) str(name, label string, flex bool) (string, bool) {
	start := m.off
	var n int
	if flex {
		l := m.uvarint()
		if l > uint64(len(m.b)) {
			panic(kafkaShort{})
		}
		n = int(l) - 1
	} else {
		n = int(m.i16("", ""))
		if n < -1 {
			panic(kafkaShort{}) // packet-kafka.c: bad string length, then offset -1
		}
	}
	if n < 0 {
		m.add(StrField(name, label+": [ Null ]", start, m.off-start, "[ Null ]"))
		return "[ Null ]", false
	}
	m.need(n)
	raw := m.b[m.off : m.off+n]
	m.off += n
	text := dnsText(raw)
	m.add(StrField(name, label+": "+text, start, m.off-start, string(raw)))
	return text, true
}

// bytes reads a byte string, compact when flex.
func (m *kafkaMsg) bytes(flex bool) {
	if flex {
		l := m.uvarint()
		if l > uint64(len(m.b)) {
			panic(kafkaShort{})
		}
		if l > 0 {
			m.skip(int(l) - 1)
		}
		return
	}
	n := int(m.i16("", ""))
	if n < -1 {
		panic(kafkaShort{})
	}
	if n > 0 {
		m.skip(n)
	}
}

// array reads an array's count (compact when flex) and each element.
func (m *kafkaMsg) array(flex bool, each func()) int {
	var n int64
	if flex {
		l := m.uvarint()
		if l > 0x7ffffff {
			panic(kafkaShort{})
		}
		n = int64(l) - 1
	} else {
		n = int64(m.i32("", ""))
		if n < -1 {
			panic(kafkaShort{})
		}
	}
	for i := int64(0); i < n; i++ {
		before := m.off
		each()
		if m.off == before {
			// an element of no bytes: packet-kafka.c loops count times
			// doing nothing more; stop early, the outcome is the same
			break
		}
	}
	return int(n)
}

// tagged reads a tagged-field block.
func (m *kafkaMsg) tagged() {
	start := m.off
	n := m.uvarint()
	for i := uint64(0); i < n; i++ {
		m.uvarint()
		l := m.uvarint()
		if l > uint64(len(m.b)) {
			panic(kafkaShort{})
		}
		m.skip(int(l))
	}
	m.add(Field{Label: "Tagged fields", Start: start, Len: m.off - start})
}

// taggedIf reads a tagged-field block when the version is flexible.
func (m *kafkaMsg) taggedIf(flex bool) {
	if flex {
		m.tagged()
	}
}

// errCode reads an error code, naming a non-zero one in Info.
func (m *kafkaMsg) errCode() int16 {
	m.need(2)
	e := int16(binary.BigEndian.Uint16(m.b[m.off:]))
	m.add(Field{Name: "kafka.error", Label: "Error: " + kafkaErrorName(e) + " (" + strconv.Itoa(int(e)) + ")", Start: m.off, Len: 2, Kind: FieldUint, Num: uint64(uint16(e))})
	m.off += 2
	if e != 0 {
		m.out.AppendInfo("", " ["+kafkaErrorName(e)+"] ")
	}
	return e
}

func (m *kafkaMsg) throttle() { m.i32("kafka.throttle_time", "Throttle time") }

// messageSet steps over a record set of n bytes as dissect_kafka_message_set
// does: each message or batch by its size, a cut one to the set's end.
func (m *kafkaMsg) messageSet(n int) {
	end := m.off + n
	for m.off < end {
		if m.off+12 > end {
			if end > len(m.b) {
				panic(kafkaShort{})
			}
			m.off = end
			break
		}
		m.need(12)
		size := uint64(binary.BigEndian.Uint32(m.b[m.off+8:]))
		if uint64(m.off)+12+size > uint64(end) {
			if end > len(m.b) {
				panic(kafkaShort{})
			}
			m.off = end
			break
		}
		if m.off+17 > len(m.b) {
			panic(kafkaShort{})
		}
		if m.b[m.off+16] < 2 {
			m.oldMessage()
			continue
		}
		// packet-kafka.c reads the batch's header and records: a batch
		// past the PDU's bytes throws there
		if m.off+61 > len(m.b) || uint64(m.off)+12+size > uint64(len(m.b)) {
			panic(kafkaShort{})
		}
		m.off += 12 + int(size)
	}
}

// oldMessage steps over a message of the format before Kafka 0.11 (magic 0
// or 1) as dissect_kafka_message_old reads it: offset, size, CRC, magic,
// attributes and one byte more, the timestamp of magic 1, then key and
// value with 16-bit lengths; the next message is read where the value
// ends, not where the size says. A compressed value (a 32-bit length) is
// stepped over as if it decompressed. A length below -1 sends
// packet-kafka.c reading from offset -1, which ladder calls malformed.
func (m *kafkaMsg) oldMessage() {
	m.skip(16)
	magic := m.u8()
	codec := m.u8() & 7
	m.skip(1)
	if magic == 1 {
		m.skip(8)
	}
	lenBytes := func() {
		n := int(m.i16("", ""))
		if n < -1 {
			panic(kafkaShort{})
		}
		if n > 0 {
			m.skip(n)
		}
	}
	lenBytes()
	if codec == 0 {
		lenBytes()
		return
	}
	n := int(uint32(m.i32("", "")))
	m.skip(n)
}

// request reads a request body.
func (m *kafkaMsg) request(key int16) {
	v := m.ver
	switch key {
	case kafkaProduce:
		if v >= 3 {
			m.str("kafka.transactional_id", "Transactional ID", false)
		}
		m.i16("kafka.required_acks", "Required Acks")
		m.i32("kafka.timeout", "Timeout")
		m.topicPartitions(false, func() {
			n := int(uint32(m.i32("", "")))
			if n > 0 {
				m.messageSet(n)
			}
		})
	case kafkaFetch:
		m.skip(12)
		if v >= 3 {
			m.skip(4)
		}
		if v >= 4 {
			m.skip(1)
		}
		if v >= 7 {
			m.skip(8)
		}
		m.topicPartitions(false, func() {
			if v >= 9 {
				m.skip(4)
			}
			m.i64("kafka.offset", "Offset")
			if v >= 5 {
				m.skip(8)
			}
			m.skip(4)
		})
		if v >= 7 {
			m.array(false, func() {
				m.str("", "", false)
				m.array(false, func() { m.skip(4) })
			})
		}
		if v >= 11 {
			m.str("", "", false)
		}
	case kafkaOffsets:
		m.skip(4)
		if v >= 2 {
			m.skip(1)
		}
		m.topicPartitions(false, func() {
			if v >= 4 {
				m.skip(4)
			}
			m.skip(8)
			if v == 0 {
				m.skip(4)
			}
		})
	case kafkaMetadata:
		flex := v >= 9
		m.array(flex, func() {
			m.sub("Topic", func() {
				m.str("kafka.topic_name", "Topic Name", flex)
				m.taggedIf(flex)
			})
		})
		if v >= 4 {
			m.skip(1)
		}
		if v >= 8 {
			m.skip(2)
		}
		m.taggedIf(flex)
	case kafkaControlledShut:
		id := m.i32("", "")
		if v >= 2 {
			m.skip(8)
		}
		m.taggedIf(v >= 3)
		m.out.AppendInfo("", " (Broker-ID="+strconv.Itoa(int(id))+")")
	case kafkaOffsetCommit:
		flex := v >= 8
		group, _ := m.str("kafka.consumer_group", "Consumer Group", flex)
		if v >= 1 {
			m.i32("kafka.generation_id", "Generation ID")
			m.str("kafka.member_id", "Consumer Group Member ID", flex)
		}
		if v >= 7 {
			m.str("", "", flex)
		}
		if v >= 2 && v < 5 {
			m.skip(8)
		}
		m.topicPartitions(flex, func() {
			m.i64("kafka.offset", "Offset")
			if v >= 6 {
				m.skip(4)
			}
			if v == 1 {
				m.skip(8)
			}
			m.str("", "", flex)
		})
		m.taggedIf(flex)
		m.out.AppendInfo("", " (Group="+group+")")
	case kafkaOffsetFetch:
		flex := v >= 6
		m.str("kafka.consumer_group", "Consumer Group", flex)
		m.array(flex, func() {
			m.sub("Topic", func() {
				m.str("kafka.topic_name", "Topic Name", flex)
				m.array(flex, func() { m.i32("kafka.partition_id", "Partition ID") })
				m.taggedIf(flex)
			})
		})
		if v >= 7 {
			m.skip(1)
		}
		m.taggedIf(flex)
	case kafkaFindCoordinator:
		if v == 0 {
			group, _ := m.str("kafka.consumer_group", "Consumer Group", false)
			m.out.AppendInfo("", " (Group="+group+")")
		} else {
			m.str("kafka.coordinator_key", "Coordinator Key", v >= 3)
			m.skip(1)
		}
		m.taggedIf(v >= 3)
	case kafkaJoinGroup:
		flex := v >= 6
		group, _ := m.str("kafka.consumer_group", "Consumer Group", flex)
		m.skip(4)
		if v > 0 {
			m.skip(4)
		}
		member, _ := m.str("kafka.member_id", "Consumer Group Member ID", flex)
		if v >= 5 {
			m.str("", "", flex)
		}
		m.str("kafka.protocol_type", "Protocol Type", flex)
		m.array(flex, func() {
			m.str("kafka.protocol_name", "Protocol Name", flex)
			m.bytes(flex)
			m.taggedIf(flex)
		})
		m.out.AppendInfo("", " (Group="+group+", Member="+member+")")
		m.taggedIf(flex)
	case kafkaHeartbeat:
		flex := v >= 4
		group, _ := m.str("kafka.consumer_group", "Consumer Group", flex)
		m.i32("kafka.generation_id", "Generation ID")
		member, _ := m.str("kafka.member_id", "Consumer Group Member ID", flex)
		if v >= 3 {
			m.str("", "", flex)
		}
		m.out.AppendInfo("", " (Group="+kafkaPlain(group)+", Member="+kafkaPlain(member)+")")
		m.taggedIf(flex)
	case kafkaLeaveGroup:
		flex := v >= 4
		group, _ := m.str("kafka.consumer_group", "Consumer Group", flex)
		if v <= 2 {
			member, _ := m.str("kafka.member_id", "Consumer Group Member ID", false)
			m.out.AppendInfo("", " (Group="+kafkaPlain(group)+", Member="+kafkaPlain(member)+")")
		} else {
			m.array(flex, func() {
				m.str("kafka.member_id", "Consumer Group Member ID", flex)
				m.str("", "", flex)
				m.taggedIf(flex)
			})
			m.out.AppendInfo("", " (Group="+kafkaPlain(group)+")")
		}
		m.taggedIf(flex)
	case kafkaSyncGroup:
		flex := v >= 4
		group, _ := m.str("kafka.consumer_group", "Consumer Group", flex)
		m.i32("kafka.generation_id", "Generation ID")
		member, _ := m.str("kafka.member_id", "Consumer Group Member ID", flex)
		if v >= 3 {
			m.str("", "", flex)
		}
		if v >= 5 {
			m.str("kafka.protocol_type", "Protocol Type", true)
			m.str("kafka.protocol_name", "Protocol Name", true)
		}
		m.array(flex, func() {
			m.str("kafka.member_id", "Consumer Group Member ID", flex)
			m.bytes(flex)
			m.taggedIf(flex)
		})
		m.taggedIf(flex)
		m.out.AppendInfo("", " (Group="+kafkaPlain(group)+", Member="+kafkaPlain(member)+")")
	case kafkaAPIVersions:
		if v >= 3 {
			m.str("kafka.client_software_name", "Client Software Name", true)
			m.str("kafka.client_software_version", "Client Software Version", true)
			m.tagged()
		}
	case kafkaOffsetForEpoch:
		if v >= 3 {
			m.skip(4)
		}
		m.topicPartitions(false, func() {
			if v >= 2 {
				m.skip(4)
			}
			m.skip(4)
		})
	case kafkaInitProducerID:
		flex := v >= 2
		m.str("kafka.transactional_id", "Transactional ID", flex)
		m.skip(4)
		if v >= 3 {
			m.i64("kafka.producer_id", "Producer ID")
			m.i16("kafka.producer_epoch", "Producer Epoch")
		}
		m.taggedIf(flex)
	}
}

// kafkaPlain is a string as tvb_get_string_enc gives it for a null one
// (length -1): empty.
func kafkaPlain(s string) string {
	if s == "[ Null ]" {
		return ""
	}
	return s
}

// topicPartitions reads the layout most Kafka bodies share: an array of
// topics, each a name and an array of partitions that begin with their ID;
// partition reads what follows the ID. In flexible versions the arrays and
// names are compact and each partition and topic ends with tagged fields.
func (m *kafkaMsg) topicPartitions(flex bool, partition func()) {
	m.array(flex, func() {
		m.sub("Topic", func() {
			m.str("kafka.topic_name", "Topic Name", flex)
			m.array(flex, func() {
				m.i32("kafka.partition_id", "Partition ID")
				partition()
				m.taggedIf(flex)
			})
			m.taggedIf(flex)
		})
	})
}

// response reads a response body.
func (m *kafkaMsg) response(key int16) {
	v := m.ver
	switch key {
	case kafkaProduce:
		m.topicPartitions(false, func() {
			m.errCode()
			m.i64("kafka.offset", "Offset")
			if v >= 2 {
				m.skip(8)
			}
			if v >= 5 {
				m.skip(8)
			}
			if v >= 8 {
				m.array(false, func() {
					m.skip(4)
					m.str("", "", false)
				})
				m.str("kafka.error_message", "Error Message", false)
			}
		})
		if v >= 1 {
			m.throttle()
		}
	case kafkaFetch:
		if v >= 1 {
			m.throttle()
		}
		if v >= 7 {
			m.errCode()
			m.skip(4)
		}
		m.topicPartitions(false, func() {
			m.errCode()
			m.i64("kafka.offset", "Offset")
			if v >= 4 {
				m.skip(8)
			}
			if v >= 5 {
				m.skip(8)
			}
			if v >= 4 {
				m.array(false, func() { m.skip(16) })
			}
			if v >= 11 {
				m.skip(4)
			}
			n := int(uint32(m.i32("", "")))
			if n > 0 {
				m.messageSet(n)
			}
		})
	case kafkaOffsets:
		if v >= 2 {
			m.throttle()
		}
		m.topicPartitions(false, func() {
			m.errCode()
			if v == 0 {
				m.array(false, func() { m.i64("kafka.offset", "Offset") })
			} else {
				m.skip(8)
				m.i64("kafka.offset", "Offset")
			}
			if v >= 4 {
				m.skip(4)
			}
		})
	case kafkaMetadata:
		flex := v >= 9
		if v >= 3 {
			m.throttle()
		}
		m.array(flex, func() {
			m.sub("Broker", func() {
				m.i32("kafka.node_id", "Node ID")
				m.str("kafka.host", "Host", flex)
				m.i32("kafka.port", "Port")
				if v >= 1 {
					m.str("", "", flex)
				}
				m.taggedIf(flex)
			})
		})
		if v >= 2 {
			m.str("", "", flex)
		}
		if v >= 1 {
			m.i32("kafka.node_id", "Controller ID")
		}
		m.array(flex, func() {
			m.sub("Topic", func() {
				m.errCode()
				m.str("kafka.topic_name", "Topic Name", flex)
				if v >= 1 {
					m.skip(1)
				}
				m.array(flex, func() {
					m.errCode()
					m.i32("kafka.partition_id", "Partition ID")
					m.skip(4)
					if v >= 7 {
						m.skip(4)
					}
					m.array(flex, func() { m.skip(4) })
					m.array(flex, func() { m.skip(4) })
					if v >= 5 {
						m.array(flex, func() { m.skip(4) })
					}
					m.taggedIf(flex)
				})
				if v >= 8 {
					m.skip(4)
				}
				m.taggedIf(flex)
			})
		})
		if v >= 8 {
			m.skip(4)
		}
		m.taggedIf(flex)
	case kafkaControlledShut:
		flex := v >= 3
		m.errCode()
		m.array(flex, func() {
			m.str("kafka.topic_name", "Topic Name", flex)
			m.i32("kafka.partition_id", "Partition ID")
			m.taggedIf(flex)
		})
		m.taggedIf(flex)
	case kafkaOffsetCommit:
		flex := v >= 8
		if v >= 3 {
			m.throttle()
		}
		m.topicPartitions(flex, func() { m.errCode() })
		m.taggedIf(flex)
	case kafkaOffsetFetch:
		flex := v >= 6
		if v >= 3 {
			m.throttle()
		}
		m.topicPartitions(flex, func() {
			m.i64("kafka.offset", "Offset")
			if v >= 5 {
				m.skip(4)
			}
			m.str("", "", flex)
			m.errCode()
		})
		if v >= 2 {
			m.errCode()
		}
		m.taggedIf(flex)
	case kafkaFindCoordinator:
		flex := v >= 3
		if v >= 1 {
			m.throttle()
		}
		m.errCode()
		if v >= 1 {
			m.str("kafka.error_message", "Error Message", flex)
		}
		m.sub("Coordinator", func() {
			m.i32("kafka.node_id", "Node ID")
			m.str("kafka.host", "Host", flex)
			m.i32("kafka.port", "Port")
		})
		m.taggedIf(flex)
	case kafkaJoinGroup:
		flex := v >= 6
		if v >= 2 {
			m.throttle()
		}
		m.errCode()
		m.i32("kafka.generation_id", "Generation ID")
		if v >= 7 {
			m.str("kafka.protocol_type", "Protocol Type", true)
		}
		m.str("kafka.protocol_name", "Protocol Name", flex)
		m.str("", "", flex)
		member, _ := m.str("kafka.member_id", "Consumer Group Member ID", flex)
		m.array(flex, func() {
			m.str("kafka.member_id", "Consumer Group Member ID", flex)
			if v >= 5 {
				m.str("", "", flex)
			}
			m.bytes(flex)
			m.taggedIf(flex)
		})
		m.out.AppendInfo("", " (Member="+kafkaPlain(member)+")")
		m.taggedIf(flex)
	case kafkaHeartbeat:
		if v >= 1 {
			m.throttle()
		}
		m.errCode()
		m.taggedIf(v >= 4)
	case kafkaLeaveGroup:
		flex := v >= 4
		if v >= 1 {
			m.throttle()
		}
		m.errCode()
		if v >= 3 {
			m.array(flex, func() {
				m.str("kafka.member_id", "Consumer Group Member ID", flex)
				m.str("", "", flex)
				m.errCode()
				m.taggedIf(flex)
			})
		}
		m.taggedIf(flex)
	case kafkaSyncGroup:
		flex := v >= 4
		if v >= 1 {
			m.throttle()
		}
		m.errCode()
		if v >= 5 {
			m.str("kafka.protocol_type", "Protocol Type", true)
			m.str("kafka.protocol_name", "Protocol Name", true)
		}
		m.bytes(flex)
		m.taggedIf(flex)
	case kafkaAPIVersions:
		flex := v >= 3
		m.errCode()
		m.array(flex, func() {
			m.sub("API Version", func() {
				m.i16("kafka.api_versions.api_key", "API Key")
				m.i16("kafka.api_versions.min_version", "Min Version")
				m.i16("kafka.api_versions.max_version", "Max Version")
				m.taggedIf(flex)
			})
		})
		if v >= 1 {
			m.throttle()
		}
		m.taggedIf(flex)
	case kafkaOffsetForEpoch:
		if v >= 2 {
			m.throttle()
		}
		m.array(false, func() {
			m.sub("Topic", func() {
				m.str("kafka.topic_name", "Topic Name", false)
				m.array(false, func() {
					m.errCode()
					m.i32("kafka.partition_id", "Partition ID")
					if v >= 1 {
						m.skip(4)
					}
					m.i64("kafka.offset", "Offset")
				})
			})
		})
	case kafkaInitProducerID:
		flex := v >= 2
		m.throttle()
		m.errCode()
		m.i64("kafka.producer_id", "Producer ID")
		m.i16("kafka.producer_epoch", "Producer Epoch")
		m.taggedIf(flex)
	}
}

// kafkaCheckKey appends kafka_check_supported_api_key's note.
func kafkaCheckKey(out *Out, key int16) {
	if key < 0 || int(key) >= len(kafkaAPIs) {
		out.AppendInfo("", " [Unknown API key]")
	}
}

// kafkaCheckVersion appends kafka_check_supported_api_version's note.
func kafkaCheckVersion(out *Out, key, ver int16) {
	if key >= 0 && int(key) < len(kafkaAPIs) && (ver < 0 || ver > kafkaAPIs[key].max) {
		out.AppendInfo("", " [Unsupported API version]")
	}
}

func kafkaFlexible(key, ver int16) bool {
	return key >= 0 && int(key) < len(kafkaAPIs) && kafkaAPIs[key].flexible >= 0 && ver >= kafkaAPIs[key].flexible
}

func kafkaDissect(p *PDU, out *Out) bool {
	out.SetProto("Kafka")
	// col_clear: each PDU's text replaces the one before in the segment
	out.SetInfo("")
	st, _ := p.Conv.State.(*kafkaState)
	if st == nil {
		st = &kafkaState{reqs: map[uint32]kafkaMatch{}}
		if p.Conv != nil {
			p.Conv.State = st
		}
	}
	var kids []Field
	m := &kafkaMsg{b: p.Data, cut: p.Cut, out: out, tree: out.WantTree, f: &kids}
	title := "Kafka"
	bad := false
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(kafkaShort); !ok {
					panic(r)
				}
				bad = !m.cut
			}
		}()
		m.i32("kafka.len", "Length")
		if p.DstPort == kafkaPort {
			m.need(8)
			key := int16(binary.BigEndian.Uint16(m.b[4:]))
			ver := int16(binary.BigEndian.Uint16(m.b[6:]))
			corr := binary.BigEndian.Uint32(m.b[8:])
			m.ver = ver
			m.flex = kafkaFlexible(key, ver)
			name := kafkaAPIName(key)
			out.AppendInfo("", "Kafka "+name+" v"+strconv.Itoa(int(ver))+" Request")
			title = "Kafka (" + name + " v" + strconv.Itoa(int(ver)) + " Request)"
			keyLabel := "API Key: " + name + " (" + strconv.Itoa(int(key)) + ")"
			m.add(Field{Name: "kafka.api_key", Label: keyLabel, Start: 4, Len: 2, Kind: FieldUint, Num: uint64(uint16(key))})
			kafkaCheckKey(out, key)
			verLabel := "API Version: " + strconv.Itoa(int(ver))
			m.add(Field{Name: "kafka.api_version", Label: verLabel, Start: 6, Len: 2, Kind: FieldUint, Num: uint64(uint16(ver))})
			kafkaCheckVersion(out, key, ver)
			m.off = 8
			m.i32("kafka.correlation_id", "Correlation ID")
			if !(key == kafkaControlledShut && ver == 0) {
				m.str("kafka.client_id", "Client ID", false)
			}
			m.taggedIf(m.flex)
			expects := true
			if key == kafkaProduce {
				m.need(2)
				expects = binary.BigEndian.Uint16(m.b[m.off:]) != 0
			}
			// an unsupported version is read with the same version tests
			// (packet-kafka.c does not refuse it)
			m.request(key)
			if _, seen := st.reqs[corr]; expects && !seen {
				st.reqs[corr] = kafkaMatch{key: key, version: ver, frame: p.Frame}
			}
			return
		}
		m.need(4)
		corr := binary.BigEndian.Uint32(m.b[4:])
		m.i32("kafka.correlation_id", "Correlation ID")
		req, ok := st.reqs[corr]
		if !ok {
			out.SetInfo("Kafka Response (Undecoded, Request Missing)")
			return
		}
		key, ver := req.key, req.version
		m.ver = ver
		m.flex = kafkaFlexible(key, ver)
		name := kafkaAPIName(key)
		out.AppendInfo("", "Kafka "+name+" v"+strconv.Itoa(int(ver))+" Response")
		title = "Kafka (" + name + " v" + strconv.Itoa(int(ver)) + " Response)"
		m.add(UintField("kafka.request_frame", "Request Frame: "+strconv.Itoa(req.frame+1), 0, 0, uint64(req.frame+1)))
		keyLabel := "API Key: " + name + " (" + strconv.Itoa(int(key)) + ")"
		m.add(Field{Name: "kafka.api_key", Label: keyLabel, Kind: FieldUint, Num: uint64(uint16(key))})
		kafkaCheckKey(out, key)
		verLabel := "API Version: " + strconv.Itoa(int(ver))
		// packet-kafka.c adds the response's version twice as
		// kafka.response.version (the first hidden), not as api_version
		m.add(Field{Name: "kafka.response.version", Label: verLabel, Kind: FieldUint, Num: uint64(uint16(ver))})
		kafkaCheckVersion(out, key, ver)
		if key != kafkaAPIVersions {
			m.taggedIf(m.flex)
		}
		m.response(key)
	}()
	if bad {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		out.Add(Field{Name: "kafka", Label: title, Len: len(p.Data), Kind: FieldProto, Children: kids})
		if bad {
			out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: Kafka]"})
		}
	}
	return true
}
