#!/usr/bin/env bash
# Writes the git-ignored secrets/ folder the local overlay's secret generators read (docs/kubernetes.md, "A local
# cluster"): the PostgreSQL superuser's password and the script that provisions every app database with its three
# roles (owner, app, relay) and the actor state stores' database; each app's connection strings, its sidecar's API
# token, and the certificate that encrypts the key rings. Files that exist are kept (the database already holds
# those passwords); delete the folder, and the cluster's PostgreSQL volume, to start over.
# Usage: manifests/overlays/local/prepare.sh
set -euo pipefail
cd "$(dirname "$0")"
command -v openssl >/dev/null 2>&1 || { echo "openssl is required (apt-get install openssl)." >&2; exit 1; }
umask 077
mkdir -p secrets
host=postgres.poctracker.svc.cluster.local
apps=(identity pocs reports video dojo)
actor_apps=(pocs reports video dojo)
secret() { openssl rand -hex 24; }
write() { [ -f "secrets/$1" ] || printf '%s\n' "$2" >"secrets/$1"; }

if [ ! -f secrets/init.sql ]; then
  {
    echo "-- Run once by the postgres image on an empty volume (docker-entrypoint-initdb.d)."
    for app in "${apps[@]}"; do
      for role in owner app relay; do
        password=$(secret)
        echo "create role \"${app}_${role}\" login nosuperuser nocreatedb nocreaterole nobypassrls password '${password}';"
        printf '%s\n' "Host=${host};Database=${app};Username=${app}_${role};Password=${password}" >"secrets/${app}_${role}.connection"
      done
      echo "create database \"${app}\" owner \"${app}_owner\";"
    done
    password=$(secret)
    echo "create role actorstate login nosuperuser nocreatedb nocreaterole nobypassrls password '${password}';"
    echo "create database actorstate owner actorstate;"
    printf '%s\n' "host=${host} port=5432 user=actorstate password=${password} dbname=actorstate sslmode=disable" >secrets/actorstate.connection
  } >secrets/init.sql
fi

write postgres.env "POSTGRES_PASSWORD=$(secret)"
# The apps' secret store (secretstores.kubernetes): Secret "connectionstrings", read as ConnectionStrings:<key>.
if [ ! -f secrets/connectionstrings.env ]; then
  for app in "${apps[@]}"; do
    echo "${app}=$(cat "secrets/${app}_app.connection")"
    echo "${app}-relay=$(cat "secrets/${app}_relay.connection")"
  done >secrets/connectionstrings.env
fi
for app in "${apps[@]}"; do
  write "${app}-migrations.env" "connectionString=$(cat "secrets/${app}_owner.connection")"
  write "${app}-app-api-token.env" "token=$(secret)"
done
for app in "${actor_apps[@]}"; do
  write "${app}-actorstate.env" "connectionString=$(cat secrets/actorstate.connection)"
done
write identity-rotate-keys.env "ConnectionStrings__identity=$(cat secrets/identity_app.connection)
ConnectionStrings__identity-relay=$(cat secrets/identity_relay.connection)"
if [ ! -f secrets/key-ring.pem ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=poctracker-key-ring" \
    -keyout secrets/key-ring.key -out secrets/key-ring.crt 2>/dev/null
  cat secrets/key-ring.crt secrets/key-ring.key >secrets/key-ring.pem
  rm secrets/key-ring.key secrets/key-ring.crt
fi
echo "Written: $(pwd)/secrets (git-ignored). Next: kubectl apply -k $(pwd)"
