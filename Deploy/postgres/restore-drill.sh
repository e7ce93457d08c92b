#!/usr/bin/env bash
# Restore drill for a Haven store on PostgreSQL (issue #13): restores a dump into a NEW database
# and checks it with `haven audit verify` (the whole audit chain, its signed head and checkpoints).
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
case "$target" in postgres://*|postgresql://*) ;; *) usage ;; esac
haven=${HAVEN_BIN:-haven}

# postgres://user@host:port/db[?query] → its parts, for createdb and pg_restore.
rest=${target#*://}
rest=${rest%%\?*}
authority=${rest%%/*}
case "$authority" in *:*@*) echo "restore-drill: put the password in PGPASSWORD or ~/.pgpass, not in the URL" >&2; exit 64 ;; esac
database=${rest#*/}
user=${authority%%@*}
hostport=${authority#*@}
host=${hostport%%:*}
port=5432
[ "$hostport" != "$host" ] && port=${hostport#*:}
[ -n "$database" ] && [ "$database" != "$rest" ] || usage

echo "restore-drill: creating database $database on $host:$port"
createdb --host "$host" --port "$port" --username "$user" "$database"
echo "restore-drill: restoring $dump"
pg_restore --host "$host" --port "$port" --username "$user" --dbname "$database" --no-owner --exit-on-error "$dump"
echo "restore-drill: verifying the audit chain with haven"
HAVEN_STORE="$target" "$haven" audit verify
echo "restore-drill: the restored store verifies. Drop it when done: dropdb --host $host --port $port --username $user $database"
