#!/usr/bin/env bash
# The streaming replica: on first start (empty data directory) a base backup of the primary with -R (standby.signal
# and primary_conninfo written for us) through the slot the primary made for it; then a hot standby that follows the
# primary. Runs as the postgres user (the image's /var/lib/postgresql/data belongs to it).
set -euo pipefail
: "${PRIMARY_HOST:?}" "${REPLICATION_USER:?}" "${REPLICATION_PASSWORD:?}"
export PGPASSWORD=$REPLICATION_PASSWORD
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -p 5432 -q; do echo "waiting for $PRIMARY_HOST"; sleep 1; done
  rm -rf "${PGDATA:?}"/*
  pg_basebackup -h "$PRIMARY_HOST" -p 5432 -U "$REPLICATION_USER" -D "$PGDATA" -R -X stream -S "${REPLICATION_SLOT:-replica_1}" -c fast
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
