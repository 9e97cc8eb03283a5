#!/bin/bash
# Makes lab__ldap.pcap: real LDAP between two network namespaces joined by a veth pair, captured on the client's
# end. OpenLDAP's slapd (Debian 12's slapd package, an mdb database for dc=example,dc=org set up by a slapd.conf
# written here) serves on 10.9.0.2:389 (Debian's build has no connectionless LDAP, so no CLDAP); the
# clients are ldap-utils 2.5: ldapadd (simple bind as cn=admin, add requests), ldapsearch (a subtree search with
# two entries, an anonymous one-level search with a filter and attribute list, a search of a missing base:
# noSuchObject), a bind with a wrong password (invalidCredentials), ldapmodify (modify, delete), ldapcompare and
# ldapwhoami (extended request). Needs root, slapd, ldap-utils and tcpdump (Debian packages).
# Usage: bash lab__ldap.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns lda ldb la lb 10.9.0.1/24 10.9.0.2/24
chmod 755 "$W"
mkdir "$W/db"
cat > "$W/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $W/slapd.pid2
database mdb
suffix "dc=example,dc=org"
rootdn "cn=admin,dc=example,dc=org"
rootpw secret
directory $W/db
access to * by * read
CONF
ip netns exec ldb slapd -d 0 -f "$W/slapd.conf" -h "ldap://10.9.0.2/" >/dev/null 2>&1 &
echo $! > "$W/slapd.pid"
ip netns exec lda tcpdump -i la -U -w "$OUT" -s 0 'port 389' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
C="ip netns exec lda"
H="-H ldap://10.9.0.2/ -x"
A="-D cn=admin,dc=example,dc=org -w secret"
$C ldapadd $H $A >/dev/null <<LDIF
dn: dc=example,dc=org
objectClass: dcObject
objectClass: organization
o: Example
dc: example

dn: ou=people,dc=example,dc=org
objectClass: organizationalUnit
ou: people

dn: uid=alice,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: alice
cn: Alice Liddell
sn: Liddell
mail: alice@example.org

dn: uid=bob,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: bob
cn: Bob Builder
sn: Builder
mail: bob@example.org
LDIF
$C ldapsearch $H $A -b ou=people,dc=example,dc=org -s sub '(objectClass=inetOrgPerson)' cn mail >/dev/null
$C ldapsearch $H -b ou=people,dc=example,dc=org -s one '(&(uid=a*)(mail=*))' uid >/dev/null
$C ldapsearch $H -b dc=missing,dc=org '(cn=x)' >/dev/null 2>&1 || true
$C ldapsearch $H -D cn=admin,dc=example,dc=org -w wrong -b dc=example,dc=org >/dev/null 2>&1 || true
$C ldapmodify $H $A >/dev/null <<LDIF
dn: uid=bob,ou=people,dc=example,dc=org
changetype: modify
replace: mail
mail: builder@example.org

dn: uid=bob,ou=people,dc=example,dc=org
changetype: delete
LDIF
$C ldapcompare $H $A uid=alice,ou=people,dc=example,dc=org 'sn:Liddell' >/dev/null || true
$C ldapwhoami $H $A >/dev/null
$C ldapsearch -H -x -b dc=example,dc=org -s base '(objectClass=*)' o >/dev/null 2>&1 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
