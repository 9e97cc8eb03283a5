#!/bin/sh
# lab__pgsql.sh OUT.pcap makes lab__pgsql.pcap: a PostgreSQL 15 server (Debian 12's postgresql package) in a
# fresh network namespace, recorded on its loopback by tcpdump, with these clients (libpq 15):
#   1. psql, sslmode=disable, user "lab" with a password (SCRAM-SHA-256): simple queries that create a table,
#      insert, select rows, select a 100,000-byte value and a NULL (a DataRow over several segments), fail
#      inside a transaction (an unknown table: ErrorResponse) and draw a NOTICE;
#   2. pgbench -M extended with a two-statement script: Parse/Bind/Describe/Execute/Sync;
#   3. psql, sslmode=require: SSLRequest answered 'S', then TLS.
# Run as root (it uses unshare and runs the server as the postgres user).
set -eu
out=$(realpath "${1:-lab__pgsql.pcap}")
dir=$(mktemp -d)
chown postgres "$dir"
bin=/usr/lib/postgresql/15/bin
echo postgres-pw >"$dir/pw"
chown postgres "$dir/pw"
su postgres -c "$bin/initdb -D $dir/data -A scram-sha-256 --pwfile=$dir/pw -U postgres >/dev/null"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout "$dir/data/server.key" \
	-out "$dir/data/server.crt" 2>/dev/null
chown postgres "$dir/data/server.key" "$dir/data/server.crt"
chmod 600 "$dir/data/server.key"
cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
ssl = on
EOF
cat >"$dir/bench.sql" <<EOF
SELECT 1 AS one;
SELECT relname, relpages FROM pg_class WHERE relname = 'pg_class';
EOF
chmod 644 "$dir/bench.sql"
unshare -n sh -c "
ip link set lo up
su postgres -c '$bin/pg_ctl -D $dir/data -l $dir/log -w start' >/dev/null
PGPASSWORD=postgres-pw psql -h $dir -U postgres -q -c \"CREATE USER lab PASSWORD 'lab-pw'\" -c \"CREATE DATABASE lab OWNER lab\"
tcpdump -i lo -s 0 -U -w $out tcp port 5432 2>/dev/null & t=\$!
sleep 1
PGPASSWORD=lab-pw psql 'host=127.0.0.1 dbname=lab user=lab sslmode=disable gssencmode=disable' -q <<'SQL' >/dev/null 2>&1 || true
CREATE TABLE t (id int PRIMARY KEY, name text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
SELECT * FROM t ORDER BY id;
SELECT repeat('x', 100000) AS big, NULL AS nothing;
BEGIN;
SELECT * FROM missing;
ROLLBACK;
DROP TABLE IF EXISTS missing;
SQL
PGPASSWORD=lab-pw pgbench -n -M extended -t 2 -f $dir/bench.sql 'host=127.0.0.1 dbname=lab user=lab sslmode=disable gssencmode=disable' >/dev/null 2>&1
PGPASSWORD=lab-pw psql 'host=127.0.0.1 dbname=lab user=lab sslmode=require gssencmode=disable' -q -c 'SELECT version()' >/dev/null
sleep 1
kill \$t
su postgres -c '$bin/pg_ctl -D $dir/data -m fast stop' >/dev/null
"
rm -rf "$dir"
