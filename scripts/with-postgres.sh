#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server of its own (issue #13): Debian's PostgreSQL
# is installed when missing, a cluster is made with initdb in a temporary folder, started with
# pg_ctl as an unprivileged user on a free loopback port, and removed when the command ends
# (whatever its exit). The command sees HAVEN_TEST_POSTGRES, a base URL such as
# postgres://postgres@127.0.0.1:54329/postgres; tests make a new database of their own on it.
#
#   bash scripts/with-postgres.sh swift test --parallel
#
# The cluster trades durability for speed (fsync off): it holds only synthetic test data and is
# deleted afterwards. It never listens beyond 127.0.0.1, and its superuser has a random password
# (exported as PGPASSWORD for the command) so other users of the machine cannot use it.
set -euo pipefail

fail() { echo "with-postgres: $*" >&2; exit 69; }

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

BIN=$(find_bin || true)
if [ -z "$BIN" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "Installing PostgreSQL with apt-get…" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }; } >/dev/null 2>&1 \
      || fail "could not install PostgreSQL (apt-get install postgresql); the PostgreSQL tests cannot run."
    # The package starts a cluster of its own; the tests use theirs, so stop it.
    { command -v pg_ctlcluster >/dev/null && pg_lsclusters -h 2>/dev/null | while read -r version name _; do
        pg_ctlcluster "$version" "$name" stop 2>/dev/null || true; done; } || true
    BIN=$(find_bin || true)
  fi
  [ -n "$BIN" ] || fail "PostgreSQL is not installed and cannot be installed here (run as root, or apt-get install postgresql)."
fi

# initdb refuses to run as root: run the cluster as the postgres user (Debian's package makes it).
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || fail "running as root and there is no 'postgres' user to run the test cluster as."
  as_owner() { runuser -u postgres -- "$@"; }
  OWNER=postgres
else
  as_owner() { "$@"; }
  OWNER=$(id -un)
fi

DIR=$(mktemp -d /tmp/haven-pg.XXXXXX)
chmod 0700 "$DIR"
[ "$OWNER" != "$(id -un)" ] && chown "$OWNER" "$DIR"

# A free loopback port, chosen by the kernel.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT INT TERM

# A random password for the superuser: other users of this machine cannot use the test server
# (no trust authentication over TCP). The tests read it from PGPASSWORD, as Haven does.
PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
printf '%s\n' "$PASSWORD" > "$DIR/pw"
[ "$OWNER" != "$(id -un)" ] && chown "$OWNER" "$DIR/pw"
chmod 0600 "$DIR/pw"
as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth-host=scram-sha-256 --auth-local=peer --pwfile="$DIR/pw" \
  -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; fail "initdb failed (above)."; }
if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
     -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
     start >/dev/null 2>&1; then
  tail -20 "$DIR/server.log" >&2 || true
  fail "the test PostgreSQL server did not start on 127.0.0.1:$PORT (its log is above)."
fi

rm -f "$DIR/pw"
export HAVEN_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PORT/postgres"
export PGPASSWORD="$PASSWORD"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT for this run" >&2
status=0
"$@" || status=$?
exit $status
