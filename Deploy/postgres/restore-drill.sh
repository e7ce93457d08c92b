#!/usr/bin/env bash
# Restore drill for a Haven store on PostgreSQL (issue #13): restores a dump into a NEW database
# and checks it with `haven audit verify` (the whole audit chain, its signed head and checkpoints)
# using a private copy of the key file, so production's audit anchor is neither read nor written.
# Run it monthly, on a machine that may hold the data, with the store's key file.
#
#   HAVEN_TOKEN=<an administrator's or supervisor's token> \
#   HAVEN_KEY_FILE=/etc/haven/store.key \
#     restore-drill.sh haven-2026-12-01.dump postgres://haven@db.example:5432/haven_drill_20261201
#
# The dump comes from `pg_dump --format=custom` (Deploy/postgres.md). The target database must
# not exist yet: the drill creates it, restores into it, and leaves it for inspection (drop it
# after: `dropdb`). The password, if any, comes from PGPASSWORD or ~/.pgpass, never the URL.
# Exit status: 0 when the restored store verifies; otherwise the failing step's status.
set -euo pipefail

usage() { echo "usage: restore-drill.sh DUMP postgres://user@host:port/NEW_DATABASE" >&2; exit 64; }
[ $# -eq 2 ] || usage
dump=$1
target=$2
[ -r "$dump" ] || { echo "restore-drill: cannot read the dump $dump" >&2; exit 66; }
[ -n "${HAVEN_KEY_FILE:-}" ] && [ -r "$HAVEN_KEY_FILE" ] || { echo "restore-drill: set HAVEN_KEY_FILE to the store's key file (it is copied, never written)" >&2; exit 66; }
case "$target" in postgres://*|postgresql://*) ;; *) usage ;; esac
haven=${HAVEN_BIN:-haven}

# postgres://user@host:port/db[?query] → its parts, for createdb and pg_restore.
rest=${target#*://}
rest=${rest%%\?*}
authority=${rest%%/*}
case "$authority" in *:*@*) echo "restore-drill: put the password in PGPASSWORD or ~/.pgpass, not in the URL" >&2; exit 64 ;; esac
database=${rest#*/}
case "$authority" in *@*) user=${authority%%@*}; hostport=${authority#*@} ;; *) user=${PGUSER:-$(id -un)}; hostport=$authority ;; esac
case "$hostport" in \[*) echo "restore-drill: give an IPv6 database by host name" >&2; exit 64 ;; esac
host=${hostport%%:*}
port=5432
[ "$hostport" != "$host" ] && port=${hostport#*:}
[ -n "$database" ] && [ "$database" != "$rest" ] || usage

echo "restore-drill: creating database $database on $host:$port"
createdb --host "$host" --port "$port" --username "$user" "$database"
echo "restore-drill: restoring $dump"
pg_restore --host "$host" --port "$port" --username "$user" --dbname "$database" --no-owner --exit-on-error "$dump"
# The restored store is checked with a private copy of the key file: Haven keeps an anchor of
# the audit head beside the key file it is given, and production's anchor (ahead of any dump)
# must neither fail the drill nor be written by anything done to the restored copy.
drill_keys=$(mktemp -d /tmp/haven-drill-keys.XXXXXX)
chmod 0700 "$drill_keys"
cp "$HAVEN_KEY_FILE" "$drill_keys/store.key"
echo "restore-drill: verifying the audit chain with haven (key file copied to $drill_keys, without production's anchor)"
HAVEN_STORE="$target" HAVEN_KEY_FILE="$drill_keys/store.key" "$haven" audit verify
echo "restore-drill: the restored store verifies."
echo "  To look inside it, use the same private key copy: HAVEN_STORE=$target HAVEN_KEY_FILE=$drill_keys/store.key"
echo "  Never point production's key file at it. When done: dropdb --host $host --port $port --username $user $database; rm -r $drill_keys"
