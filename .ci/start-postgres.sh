#!/usr/bin/env bash
# Installs PostgreSQL from Debian if missing, starts a throwaway cluster on loopback, and prints the
# admin URL the db tests use (PERSONA_TEST_DATABASE_URL).
set -euo pipefail
PORT="${PERSONA_PG_PORT:-54329}"
DIR="${PERSONA_PG_DIR:-/tmp/persona-pg}"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

if [ -f "$DIR/postmaster.pid" ] && su postgres -c "$BIN/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  echo "postgres://postgres@127.0.0.1:$PORT/postgres"
  exit 0
fi
rm -rf "$DIR"
mkdir -p "$DIR"
chown postgres:postgres "$DIR"
su postgres -c "$BIN/initdb -D $DIR -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >&2
su postgres -c "$BIN/pg_ctl -D $DIR -l $DIR/server.log -o '-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off' -w start" >&2
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
