#!/bin/bash
# Makes lab__git.pcap: the real Git protocol on TCP 9418 (git://) between two network namespaces joined by a veth pair,
# captured on the client's end with segmentation offload off. The server is `git daemon` (Debian 12's git 2.39)
# exporting a small bare repository made by the script (fixed names and dates); the client is the same git:
# ls-remote with protocol version 0, clone with version 2 (the default: ls-refs and fetch commands, delimiter and
# response-end packets, a side-band pack with progress messages), ls-remote of a repository the daemon does not
# export (its ERR line), fetch of a new commit with version 2, and a push (receive-pack, version 0,
# report-status). Needs root, git, tcpdump and ethtool. Usage: bash lab__git.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lab-netns.sh"
lab_netns gta gtb ga gb 10.22.0.1/24 10.22.0.2/24
for n in a b; do ip netns exec gt$n ethtool -K g$n tso off gso off gro off >/dev/null 2>&1; done
export HOME="$W" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Lab GIT_AUTHOR_EMAIL=lab@example.com GIT_COMMITTER_NAME=Lab \
	GIT_COMMITTER_EMAIL=lab@example.com GIT_AUTHOR_DATE='2026-12-07T10:00:00Z' GIT_COMMITTER_DATE='2026-12-07T10:00:00Z'
git config --global init.defaultBranch main
git config --global safe.directory '*'
git init -q "$W/work"
(cd "$W/work" && printf 'hello git\n' > README && git add README && git commit -qm 'first commit' &&
	printf 'line two\n' >> README && git commit -qam 'second commit' && git tag -a v1.0 -m 'version 1.0')
git clone -q --bare "$W/work" "$W/srv/repo.git"
git -C "$W/srv/repo.git" config daemon.receivepack true
ip netns exec gtb git daemon --reuseaddr --base-path="$W/srv" --export-all --enable=receive-pack --listen=10.22.0.2 \
	--port=9418 --pid-file="$W/daemon.pid" 2>"$W/daemon.log" &
ip netns exec gta tcpdump -i ga -U -w "$OUT" -s 0 'tcp port 9418' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
G="ip netns exec gta git"
$G -c protocol.version=0 ls-remote git://10.22.0.2/repo.git >/dev/null
sleep 0.3
$G clone --progress git://10.22.0.2/repo.git "$W/clone" 2>/dev/null
sleep 0.3
$G ls-remote git://10.22.0.2/missing.git >/dev/null 2>&1 || true
sleep 0.3
(cd "$W/work" && printf 'line three\n' >> README && git commit -qam 'third commit' && git push -q "$W/srv/repo.git" main)
$G -C "$W/clone" fetch -q origin
sleep 0.3
(cd "$W/clone" && printf 'from the client\n' > NOTES && git add NOTES && git commit -qm 'client commit')
$G -C "$W/clone" push -q origin HEAD:refs/heads/feature
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
