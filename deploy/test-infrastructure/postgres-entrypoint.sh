#!/bin/sh
# The official postgres image's start-up in what docker-compose.yml uses: on an empty data folder, make
# the cluster with POSTGRES_PASSWORD for the postgres user and run /docker-entrypoint-initdb.d/*.sql while
# listening on the Unix socket only (so a TCP health check fails until they have run); then serve on
# every address, password required from other hosts.
set -eu
BIN=$(echo /usr/lib/postgresql/*/bin)

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  password_file=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
  "$BIN/initdb" --pgdata="$PGDATA" --username=postgres --pwfile="$password_file" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  "$BIN/pg_ctl" --pgdata="$PGDATA" --options="-c listen_addresses=''" --wait --silent start
  for script in /docker-entrypoint-initdb.d/*.sql; do
    [ -e "$script" ] && "$BIN/psql" --username=postgres --no-psqlrc --set=ON_ERROR_STOP=1 --quiet --file="$script"
  done
  "$BIN/pg_ctl" --pgdata="$PGDATA" --mode=fast --wait --silent stop
fi

exec "$BIN/postgres" -D "$PGDATA" -c listen_addresses='*' "$@"
