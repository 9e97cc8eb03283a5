#!/usr/bin/env bash
# lab__mail.sh OUT.pcap — records Dovecot 2.3 (IMAP and POP3) in one namespace and Python's imaplib and poplib
# in the other: an IMAP session (CAPABILITY, LOGIN, LIST, CREATE, STATUS,
# SELECT, APPEND with a literal, SEARCH, FETCH of flags, headers and a body, STORE, COPY, EXPUNGE, a bad
# command, LOGOUT), a refused IMAP login, and a POP3 session (CAPA, USER/PASS, STAT, LIST, UIDL, TOP, RETR,
# DELE, RSET, QUIT).
set -euo pipefail
out=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns mailA mailB maila mailb 10.83.0.1/24 10.83.0.2/24
chmod 755 "$W"
mkdir -p "$W"/run "$W"/home
printf 'alice:{PLAIN}wonderland::::::\n' >"$W"/passwd
chown -R dovenull "$W"/run 2>/dev/null || true
cat >"$W"/dovecot.conf <<CONF
protocols = imap pop3
listen = 10.83.0.2
base_dir = $W/run
state_dir = $W/run
log_path = $W/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = $W/passwd
}
userdb {
  driver = static
  args = uid=$(id -u nobody) gid=$(id -g nobody) home=$W/home/%u
}
mail_location = maildir:~/Maildir
CONF
chmod 777 "$W"/home
ip netns exec mailB dovecot -F -c "$W"/dovecot.conf & echo $! >"$W"/dovecot.pid
ip netns exec mailA tcpdump -q -i maila -s 0 -U -w "$out" 'tcp port 143 or tcp port 110' 2>/dev/null & echo $! >"$W"/tcpdump.pid
sleep 2
ip netns exec mailA python3 - <<'PY'
import imaplib, poplib, time
S = "10.83.0.2"
msg = b"From: bob@lab.example\r\nTo: alice@lab.example\r\nSubject: lab test\r\n\r\nHello Alice,\r\nthis is a test.\r\n"
m = imaplib.IMAP4(S)
m.capability()
m.login("alice", "wonderland")
m.list()
m.create("Archive")
m.status("INBOX", "(MESSAGES UNSEEN)")
m.append("INBOX", r"(\Seen)", None, msg)
m.append("INBOX", None, None, msg.replace(b"lab test", b"second"))
m.select("INBOX")
m.search(None, "ALL")
m.fetch("1:2", "(FLAGS RFC822.SIZE)")
m.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])")
m.fetch("2", "(BODY[])")
m.store("1", "+FLAGS", r"(\Flagged)")
m.copy("1", "Archive")
m.uid("FETCH", "1:*", "(UID FLAGS)")
try:
    m.xatom("BOGUS")
except Exception:
    pass
m.noop()
m.close()
m.logout()
time.sleep(0.3)
bad = imaplib.IMAP4(S)
try:
    bad.login("alice", "wrong")
except Exception:
    pass
bad.logout()
time.sleep(0.3)
p = poplib.POP3(S)
p.capa()
p.user("alice")
p.pass_("wonderland")
p.stat()
p.list()
p.uidl()
p.top(1, 1)
p.retr(2)
p.dele(1)
p.rset()
p.quit()
PY
sleep 1
