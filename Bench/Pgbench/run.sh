#!/usr/bin/env bash
# pgbench against IOx.Pg and a throw-away PostgreSQL 15 in the same run: round trips
# (SELECT 1) and a small point query, over the simple and the prepared (extended) protocol.
# Prints a markdown table of transactions per second and the ratio IOx.Pg / PostgreSQL.
#
#   Bench/Pgbench/run.sh [--seconds 10] [--clients 8]
#
# Needs the postgresql-15 package (pgbench, initdb) — scripts/test.sh installs it — and runs as
# root or as a user that can start PostgreSQL.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seconds=10
clients=8
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

pgbin=/usr/lib/postgresql/15/bin
[[ -x "$pgbin/pgbench" ]] || { echo "pgbench missing: install postgresql-15" >&2; exit 1; }
work="$(mktemp -d /tmp/ioxpg-pgbench.XXXXXX)"
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_port=$(free_port); iox_pg=$(free_port); iox_http=$(free_port)
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  [[ -n "${iox_pid:-}" ]] && kill "$iox_pid" 2>/dev/null || true
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL 15, as in the differential tests.
mkdir -p "$work/pg"; [[ $(id -u) == 0 ]] && chown postgres "$work/pg"
as_pg "$pgbin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -w -l "$work/pg/log" -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null

# IOx.Pg, Release build.
dotnet build "$repo/Server/Server.csproj" -c Release -o "$work/bin" -v q -nologo >/dev/null
dotnet "$work/bin/ioxpg.dll" serve --data-dir "$work/iox" --pg-listen "127.0.0.1:$iox_pg" --http-listen "127.0.0.1:$iox_http" > "$work/iox.log" 2>&1 &
iox_pid=$!
for _ in $(seq 100); do grep -q "IOx.Pg ready" "$work/iox.log" && break; sleep 0.2; done

# The same 36,000 rows in both: 100 hosts x 1 h at 10 s.
awk 'BEGIN { for (s = 0; s < 360; s++) for (h = 0; h < 100; h++) printf "cpu,hostname=host_%d usage_user=%d.5 %d\n", h, (h * 7 + s) % 100, 1451606400 + s * 10 }' > "$work/cpu.lp"
curl -sf -XPOST "http://127.0.0.1:$iox_http/api/v2/write?bucket=bench&precision=s" --data-binary @"$work/cpu.lp"
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE bench"
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -c "CREATE TABLE cpu(time timestamptz NOT NULL, hostname text, usage_user double precision)" \
  -c "CREATE INDEX ON cpu(hostname, time)"
awk '{ split($1, a, "="); split($2, b, "="); printf "%s\t%s\t%s\n", strftime("%Y-%m-%d %H:%M:%S+00", $3, 1), a[2], b[2] }' "$work/cpu.lp" \
  | psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -c "COPY cpu FROM STDIN" 
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -c "VACUUM ANALYZE cpu"

# Both must answer the point query alike before it is timed.
check='SELECT hostname, usage_user FROM cpu WHERE hostname = '"'"'host_7'"'"' AND time = to_timestamp(1451606400 + 42 * 10)'
a=$(psql -At -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -c "$check")
b=$(psql -At -h 127.0.0.1 -p "$iox_pg" -U postgres -d bench -c "$check")
[[ "$a" == "$b" && -n "$a" ]] || { echo "point query answers differ: postgres '$a', ioxpg '$b'" >&2; exit 1; }

tps() { # port script mode
  "$pgbin/pgbench" -n -h 127.0.0.1 -p "$1" -U postgres -f "$here/$2" -M "$3" -c "$clients" -j 2 -T "$seconds" bench 2>&1 \
    | awk '/^tps = / { print int($3) }'
}
echo "| script | protocol | postgres tps | ioxpg tps | ioxpg / postgres |"
echo "| --- | --- | ---: | ---: | ---: |"
for script in select1.sql point.sql; do
  for mode in simple prepared; do
    p=$(tps "$pg_port" "$script" "$mode"); i=$(tps "$iox_pg" "$script" "$mode")
    awk -v s="$script" -v m="$mode" -v p="$p" -v i="$i" 'BEGIN { printf "| %s | %s | %d | %d | %.2f |\n", s, m, p, i, (p > 0 ? i / p : 0) }'
  done
done
echo "($clients clients, ${seconds} s each, $(nproc) cores; same machine, same run)"
