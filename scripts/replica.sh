#!/usr/bin/env bash
# A PostgreSQL streaming replica of the machine's server (127.0.0.1:5432), for the replica tests and the scale bench.
#
#   scripts/replica.sh start    # make it if needed (pg_basebackup -R), start it, wait until it streams; prints its port
#   scripts/replica.sh stop     # stop it (the data directory is kept: the next start only catches up)
#   scripts/replica.sh destroy  # stop it and remove its data directory
#   scripts/replica.sh status
#
# Settings: REPLICA_PORT (5433), REPLICA_DIR (/var/lib/postgresql/draftline-replica), PRIMARY_HOST (127.0.0.1),
# PRIMARY_PORT (5432). The replica runs as the `postgres` OS user (pg_ctl refuses root), with Debian's tools from
# /usr/lib/postgresql/<version>/bin, the same major version as the primary.
#
# What it may change on the primary, and how: if no pg_hba.conf rule lets 127.0.0.1 connect for replication, it
# appends `host replication all 127.0.0.1/32 trust` (the primary already trusts 127.0.0.1 for every database) and
# reloads the configuration (pg_reload_conf(), never a restart). It creates no replication slot, so a stopped replica
# never makes the primary keep WAL; a replica left stopped for long may then need `destroy` and a new start.
set -euo pipefail

REPLICA_PORT=${REPLICA_PORT:-5433}
REPLICA_DIR=${REPLICA_DIR:-/var/lib/postgresql/draftline-replica}
PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
PSQL_PRIMARY=(psql -X -q -At -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres)

die() { echo "replica.sh: $*" >&2; exit 1; }

# Runs a command as the postgres OS user (pg_ctl and postgres refuse to run as root).
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
  else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

need_tools() {
  command -v psql >/dev/null 2>&1 || die "psql is not installed (Debian: postgresql-client)"
  "${PSQL_PRIMARY[@]}" -c 'SELECT 1' >/dev/null 2>&1 || die "the primary at $PRIMARY_HOST:$PRIMARY_PORT does not answer"
  major=$("${PSQL_PRIMARY[@]}" -c "SELECT current_setting('server_version_num')::int / 10000")
  BIN=/usr/lib/postgresql/$major/bin
  for t in pg_basebackup pg_ctl postgres; do [ -x "$BIN/$t" ] || die "$BIN/$t is missing (Debian: postgresql-$major)"; done
  id postgres >/dev/null 2>&1 || die "there is no postgres OS user to run the replica as"
}

running() { [ -f "$REPLICA_DIR/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$REPLICA_DIR" status >/dev/null 2>&1; }

allow_replication() {
  local allowed
  allowed=$("${PSQL_PRIMARY[@]}" -c "SELECT count(*) FROM pg_hba_file_rules
     WHERE 'replication' = ANY(database) AND type LIKE 'host%' AND error IS NULL")
  [ "$allowed" != 0 ] && return 0
  local hba
  hba=$("${PSQL_PRIMARY[@]}" -c 'SHOW hba_file')
  [ -w "$hba" ] || die "the primary has no replication rule for 127.0.0.1 and $hba is not writable: add
  host replication all 127.0.0.1/32 trust
and reload it"
  echo "replica.sh: adding a replication rule for 127.0.0.1 to $hba and reloading the primary (no restart)"
  printf '\n# added by draftline scripts/replica.sh: streaming replication from this machine\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
  "${PSQL_PRIMARY[@]}" -c 'SELECT pg_reload_conf()' >/dev/null
  sleep 1
}

make_replica() {
  echo "replica.sh: base backup of $PRIMARY_HOST:$PRIMARY_PORT into $REPLICA_DIR"
  mkdir -p "$(dirname "$REPLICA_DIR")"
  rm -rf "$REPLICA_DIR"
  install -d -o postgres -g postgres -m 700 "$REPLICA_DIR"
  as_postgres "$BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -D "$REPLICA_DIR" -R -X stream -c fast
  # Debian keeps a cluster's configuration in /etc, not in its data directory: the replica gets its own. A hot standby
  # needs at least the primary's values of these settings.
  local setting conf="$REPLICA_DIR/postgresql.conf"
  {
    echo "# draftline test replica (scripts/replica.sh)"
    echo "port = $REPLICA_PORT"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$REPLICA_DIR'"
    echo "hot_standby = on"
    # queries on the replica hold back vacuum on the primary instead of being cancelled by it
    echo "hot_standby_feedback = on"
    echo "shared_buffers = 64MB"
    echo "logging_collector = off"
    for setting in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
      echo "$setting = $("${PSQL_PRIMARY[@]}" -c "SHOW $setting")"
    done
  } | as_postgres tee "$conf" >/dev/null
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as_postgres tee "$REPLICA_DIR/pg_hba.conf" >/dev/null
  as_postgres touch "$REPLICA_DIR/pg_ident.conf"
  # primary_conninfo as pg_basebackup -R wrote it, naming this replica for pg_stat_replication
  as_postgres sed -i "s/^primary_conninfo = '/primary_conninfo = 'application_name=draftline_replica /" "$REPLICA_DIR/postgresql.auto.conf"
}

start() {
  need_tools
  if running; then echo "replica.sh: already running on port $REPLICA_PORT"; echo "$REPLICA_PORT"; return 0; fi
  if ss -ltn 2>/dev/null | grep -q "127.0.0.1:$REPLICA_PORT "; then die "port $REPLICA_PORT is taken by another process (set REPLICA_PORT)"; fi
  allow_replication
  [ -f "$REPLICA_DIR/standby.signal" ] || make_replica
  as_postgres "$BIN/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/replica.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$REPLICA_DIR/replica.log" >&2; die "the replica did not start"; }
  # streaming: the primary lists it as a WAL receiver
  for _ in $(seq 1 60); do
    if [ "$("${PSQL_PRIMARY[@]}" -c "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'draftline_replica' AND state = 'streaming'")" != 0 ]; then
      echo "replica.sh: streaming replica of $PRIMARY_HOST:$PRIMARY_PORT on 127.0.0.1:$REPLICA_PORT"
      echo "$REPLICA_PORT"
      return 0
    fi
    sleep 1
  done
  tail -n 20 "$REPLICA_DIR/replica.log" >&2
  die "the replica started but does not stream from the primary"
}

stop() {
  need_tools
  if running; then as_postgres "$BIN/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null; echo "replica.sh: stopped"; else echo "replica.sh: not running"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  destroy) stop; rm -rf "$REPLICA_DIR"; echo "replica.sh: removed $REPLICA_DIR" ;;
  status)
    need_tools
    if running; then
      psql -X -At -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres \
        -c "SELECT 'in recovery: ' || pg_is_in_recovery() || ', replayed to ' || pg_last_wal_replay_lsn() || ', replay ' || pg_get_wal_replay_pause_state()"
    else echo "not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|destroy|status" >&2; exit 2 ;;
esac
