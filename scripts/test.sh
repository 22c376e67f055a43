#!/usr/bin/env bash
# The whole test suite, on a fresh machine of this kind: installs the real peers the tests talk
# to (Debian and npm packages), builds in Release, runs every test, and ends with one
# line "tests: N passed, M failed, K skipped". A skipped test counts as a failure: nothing may
# sit skipped to look green.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian peers: psql (end-to-end tests), a PostgreSQL 15 server (differential tests start
# their own throw-away instances; the package's own service is kept from starting), and the
# drivers of the driver tests: psycopg2 for Debian's /usr/bin/python3, pgjdbc with a JDK (its
# source launcher runs Tests/Interop/PgJdbcClient.java); the reference zstd tool (the Zstandard
# codec tests compress with it and check our frames with it).
apt_packages=()
command -v psql >/dev/null 2>&1 || apt_packages+=(postgresql-client)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || apt_packages+=(postgresql-15)
/usr/bin/python3 -c 'import psycopg2' >/dev/null 2>&1 || apt_packages+=(python3-psycopg2)
/usr/bin/python3 -c 'import psycopg' >/dev/null 2>&1 || apt_packages+=(python3-psycopg)
command -v isql >/dev/null 2>&1 || apt_packages+=(unixodbc)
[[ -f /usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so ]] || apt_packages+=(odbc-postgresql)
[[ -f /usr/share/java/postgresql.jar ]] || apt_packages+=(libpostgresql-jdbc-java)
command -v javac >/dev/null 2>&1 || apt_packages+=(default-jdk-headless)
command -v zstd >/dev/null 2>&1 || apt_packages+=(zstd)
if ((${#apt_packages[@]})); then
    echo "installing ${apt_packages[*]}"
    created_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        created_policy=1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
    if ((created_policy)); then
        rm -f /usr/sbin/policy-rc.d
    fi
fi

# --- Parquet interop peers (owner: Storage/Parquet) -------------------------------------------
# The Parquet tests check our files against a real DuckDB driven from node (@duckdb/node-api,
# pinned in Tests/Interop/package.json); the driver tests run node-postgres (pg) from there too,
# and the S3 object-store tests start s3rver (an S3-compatible server) from there. `npm install`, never `npm ci`: the registry here serves
# only the linux-x64 DuckDB binary, and install keeps the lock file's versions.
if ! command -v node >/dev/null 2>&1; then
    echo "installing nodejs and npm"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [[ ! -d Tests/Interop/node_modules/@duckdb/node-api || ! -d Tests/Interop/node_modules/pg || ! -d Tests/Interop/node_modules/s3rver ]]; then
    (cd Tests/Interop && npm install --no-audit --no-fund --loglevel=error)
fi
# --- end of Parquet interop peers ---------------------------------------------------------------

dotnet build IOx.Pg.sln -c Release -nologo -clp:ErrorsOnly

results=$(mktemp -d)
status=0
dotnet test Tests/Tests.csproj -c Release --no-build -nologo --blame-hang-timeout 5m \
    --logger "console;verbosity=minimal" --logger "trx;LogFileName=results.trx" \
    --results-directory "$results" || status=$?

# The TRX file's <Counters .../> element holds the totals.
counters=$(grep -o '<Counters [^>]*>' "$results/results.trx" 2>/dev/null || true)
rm -rf "$results"
if [[ -z "$counters" ]]; then
    echo "tests: no test results found (build or runner failure)"
    exit 1
fi
count() { sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$counters"; }
total=$(count total)
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(( total - passed - failed ))
echo "tests: $passed passed, $failed failed, $skipped skipped"
if ((status != 0 || failed != 0 || skipped != 0 || passed == 0)); then
    exit 1
fi
