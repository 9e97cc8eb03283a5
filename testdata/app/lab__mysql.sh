#!/bin/sh
# lab__mysql.sh OUT.pcap makes lab__mysql.pcap: a MariaDB 10.11 server (Debian 12's mariadb-server) in a fresh
# network namespace, recorded on its loopback by tcpdump, with the mariadb command-line client:
#   1. a login with a password (mysql_native_password), then queries that create a table, insert, select rows
#      and a NULL, fail (an unknown table: an ERR packet), use a prepared statement (PREPARE/EXECUTE in SQL),
#      and quit;
#   2. a login with a wrong password (access denied);
#   3. a connection with --ssl: the short SSL request, then TLS.
# Run as root (it uses unshare).
set -eu
out=$(realpath "${1:-lab__mysql.pcap}")
dir=$(mktemp -d)
chown mysql "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
chown mysql "$dir/key.pem" "$dir/cert.pem"
mariadb-install-db --user=mysql --datadir="$dir/data" --auth-root-authentication-method=normal >/dev/null 2>&1
unshare -n sh -c "
ip link set lo up
mariadbd --user=mysql --datadir=$dir/data --socket=$dir/sock --pid-file=$dir/pid --bind-address=127.0.0.1 \
	--port=3306 --skip-name-resolve --ssl-cert=$dir/cert.pem --ssl-key=$dir/key.pem --log-error=$dir/log &
for i in 1 2 3 4 5 6 7 8 9 10; do [ -S $dir/sock ] && break; sleep 1; done
mariadb --socket=$dir/sock -u root -e \"CREATE USER lab@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD('lab-pw'); CREATE DATABASE lab; GRANT ALL ON lab.* TO lab@'%'\"
tcpdump -i lo -s 0 -U -w $out tcp port 3306 2>/dev/null & t=\$!
sleep 1
mariadb -h 127.0.0.1 -P 3306 -u lab -plab-pw --skip-ssl --force lab <<'SQL' >/dev/null 2>&1 || true
CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20));
INSERT INTO t VALUES (1, 'one'), (2, NULL);
SELECT * FROM t ORDER BY id;
SELECT * FROM missing;
PREPARE s FROM 'SELECT name FROM t WHERE id = ?';
SET @i = 1;
EXECUTE s USING @i;
SQL
mariadb -h 127.0.0.1 -P 3306 -u lab -pwrong --skip-ssl lab -e 'SELECT 1' >/dev/null 2>&1 || true
mariadb -h 127.0.0.1 -P 3306 -u lab -plab-pw --ssl --ssl-verify-server-cert=0 lab -e 'SELECT VERSION()' >/dev/null 2>&1 || true
sleep 1
kill \$t
mariadb-admin --socket=$dir/sock -u root shutdown
"
rm -rf "$dir"
