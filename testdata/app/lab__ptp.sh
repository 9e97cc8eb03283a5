#!/bin/bash
# Makes lab__ptp.pcap: real PTP (IEEE 1588-2008, PTPv2) from Debian 12's linuxptp 3.1.1 (ptp4l and pmc, GPL-2) with
# software time stamping between two network namespaces joined by a veth pair, captured on the first end.
# Phases: (1) IEEE 802.3 transport, end-to-end delay (Announce, Sync, Follow_Up, Delay_Req, Delay_Resp);
# (2) 802.1AS (gPTP) profile on Ethernet: transportSpecific 1, peer delay (Pdelay_Req, Pdelay_Resp,
# Pdelay_Resp_Follow_Up), Follow_Up information TLV, path trace TLV; (3) UDP/IPv4 end-to-end, then pmc
# management GET/SET/COMMAND requests answered by ptp4l (responses and management error status);
# (4) UDP/IPv6 peer delay; (5) UDP/IPv4 unicast negotiation (Signaling with REQUEST/GRANT_UNICAST_TRANSMISSION
# TLVs) and the unicast messages that follow. (This kernel has no 802.1Q devices: PTP over VLANs is in
# lab__ptp-crafted.pcap.)
# Needs root, linuxptp and tcpdump. Usage: bash lab__ptp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns ptpa ptpb ptpva ptpvb 10.88.0.1/24 10.88.0.2/24 fd88::1/64 fd88::2/64
printf '[global]\npriority1 100\nlogSyncInterval -1\nlogAnnounceInterval -1\nlogMinDelayReqInterval -1\n' > "$W/m.cfg"
printf '[global]\npriority1 200\nlogSyncInterval -1\nlogAnnounceInterval -1\nlogMinDelayReqInterval -1\n' > "$W/s.cfg"
printf '[global]\ntransportSpecific 0x1\nptp_dst_mac 01:80:C2:00:00:0E\nnetwork_transport L2\ndelay_mechanism P2P\nfollow_up_info 1\npath_trace_enabled 1\ngmCapable 1\nasCapable auto\nlogSyncInterval -2\nlogAnnounceInterval -1\nlogMinPdelayReqInterval -1\nneighborPropDelayThresh 800\nmin_neighbor_prop_delay -20000000\n' > "$W/as.cfg"
sed 's/^\[global\]$/[global]\npriority1 100/' "$W/as.cfg" > "$W/asm.cfg"
printf '[global]\nlogSyncInterval -1\nlogAnnounceInterval -1\nunicast_listen 1\n' > "$W/um.cfg"
printf '[unicast_master_table]\ntable_id 1\nlogQueryInterval 0\nUDPv4 10.88.0.1\n[ptpvb]\nunicast_master_table 1\nunicast_req_duration 10\n[global]\npriority1 200\nlogSyncInterval -1\nlogAnnounceInterval -1\n' > "$W/us.cfg"
ip netns exec ptpa tcpdump -i ptpva -U -w "$OUT" -s 0 'ether proto 0x88f7 or udp port 319 or udp port 320' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
pair() { # NS_A_ARGS -- NS_B_ARGS: runs ptp4l in both namespaces for $T seconds
	ip netns exec ptpa timeout "$T" ptp4l -S $1 >/dev/null 2>&1 &
	ip netns exec ptpb timeout "$T" ptp4l -S $2 >/dev/null 2>&1 &
	sleep "$T"; sleep 0.5
}
T=7 pair "-2 -i ptpva -f $W/m.cfg" "-2 -i ptpvb -f $W/s.cfg"
T=7 pair "-i ptpva -f $W/asm.cfg" "-i ptpvb -f $W/as.cfg"
T=7 pair "-4 -i ptpva -f $W/m.cfg" "-4 -i ptpvb -f $W/s.cfg"
ip netns exec ptpb timeout 5 ptp4l -S -4 -i ptpvb -f "$W/s.cfg" >/dev/null 2>&1 &
sleep 1
ip netns exec ptpa pmc -4 -i ptpva -b 1 'GET CURRENT_DATA_SET' 'GET DEFAULT_DATA_SET' 'GET PORT_DATA_SET' \
	'GET TIME_PROPERTIES_DATA_SET' 'GET PARENT_DATA_SET' 'GET CLOCK_DESCRIPTION' 'GET USER_DESCRIPTION' \
	'SET PRIORITY1 150' 'GET PRIORITY1' 'GET DOMAIN' 'GET LOG_ANNOUNCE_INTERVAL' 'GET DELAY_MECHANISM' \
	'GET TIME_STATUS_NP' 'GET PORT_PROPERTIES_NP' 'GET NULL_MANAGEMENT' 'GET PATH_TRACE_LIST' \
	'SET CLOCK_ACCURACY 0x21' 'GET TRACEABILITY_PROPERTIES' 'CMD ENABLE_PORT' >/dev/null 2>&1 || true
sleep 4.5
T=7 pair "-6 -P -i ptpva -f $W/m.cfg" "-6 -P -i ptpvb -f $W/s.cfg"
T=8 pair "-4 -i ptpva -f $W/um.cfg" "-4 -i ptpvb -f $W/us.cfg"
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
