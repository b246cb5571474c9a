#!/usr/bin/env bash
# Runs once, when the official postgres image initialises the primary's empty data directory
# (/docker-entrypoint-initdb.d): a role for streaming replication, a physical slot per replica (the primary keeps
# the WAL a replica has not received yet, so a restarted replica catches up instead of needing a new base backup),
# and a pg_hba.conf rule letting that role replicate over the compose network with its password.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE ${REPLICATION_USER} WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}';
SELECT pg_create_physical_replication_slot('replica_1');
SQL
echo "host replication ${REPLICATION_USER} all scram-sha-256" >>"$PGDATA/pg_hba.conf"
