#!/bin/bash
# Makes lab__rmcp.pcap: real RMCP on UDP 623 between ipmitool 1.8.19 and OpenIPMI 2.0.33's ipmi_sim (a simulated
# BMC: one management controller with an IPMI 1.5/2.0 LAN channel, an administrator with a password, Debian 12's
# packages), in two network namespaces, captured on the BMC's end of the veth pair joining them. The traffic: an ASF
# Presence Ping/Pong (rmcp_ping and ipmitool's own), an IPMI 1.5 session (Get Channel Authentication Capabilities,
# Get Session Challenge, Activate Session with MD5 authentication codes, chassis status, Close Session), an RMCP+
# session with cipher suite 3 (Open Session Request/Response, RAKP 1-4, then encrypted IPMI messages) and one the BMC
# refuses (cipher suite 17: its Open Session Response carries an error).
# Needs root, openipmi, ipmitool and tcpdump. Usage: bash lab__rmcp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
lab_netns rmcpcl rmcpbmc rmcpa rmcpb 10.48.0.1/24 10.48.0.2/24
cat > "$W/lan.conf" <<'EOC'
name "labbmc"
set_working_mc 0x20
  startlan 1
    addr 0.0.0.0 623
    priv_limit admin
    allowed_auths_callback none md2 md5 straight
    allowed_auths_user none md2 md5 straight
    allowed_auths_operator none md2 md5 straight
    allowed_auths_admin none md2 md5 straight
    guid a123456789abcdefa123456789abcdef
  endlan
  user 1 true  ""        ""        user     10       none md2 md5 straight
  user 2 true  "admin"   "secret"  admin    10       none md2 md5 straight
EOC
cat > "$W/bmc.emu" <<'EOC'
mc_setbmc 0x20
mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
mc_enable 0x20
EOC
ip netns exec rmcpbmc tcpdump -i rmcpb -U -w "$OUT" -s 0 'udp port 623' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec rmcpbmc ipmi_sim -c "$W/lan.conf" -f "$W/bmc.emu" -s "$W/state" -n >/dev/null 2>&1 &
echo $! > "$W/sim.pid"
sleep 1.5
ip netns exec rmcpcl rmcp_ping -t 1 10.48.0.2 >/dev/null 2>&1 || true
ip netns exec rmcpcl ipmitool -I lan -H 10.48.0.2 -U admin -P secret chassis status >/dev/null
ip netns exec rmcpcl ipmitool -I lanplus -C 3 -H 10.48.0.2 -U admin -P secret mc info >/dev/null
ip netns exec rmcpcl ipmitool -I lanplus -C 17 -H 10.48.0.2 -U admin -P secret chassis power status >/dev/null 2>&1 || true
sleep 1
