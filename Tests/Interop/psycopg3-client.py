"""Runs psycopg 3 (Debian python3-psycopg, libpq underneath) against a server and prints what it
saw as JSON, for Tests/EndToEnd/PsycopgTests. Argument: a libpq connection string.

psycopg 3 differs from psycopg2 in what reaches the server: parameters are sent as real bind
parameters through the extended protocol (Parse/Bind/Execute), binary results are asked for per
cursor or per execute, server-side cursors are DECLARE ... FETCH FORWARD itersize, and COPY has
its own object (text rows in, rows out)."""
import json
import sys

import psycopg

out = {}
conn = psycopg.connect(sys.argv[1], autocommit=True)
cur = conn.cursor()

# Server-side parameters: $1, $2, $3 bound in Bind, types inferred by psycopg from the values.
cur.execute("SELECT %s::int + 1, %s::text, %s::float8", (41, "it's", 2.5))
out["params"] = list(cur.fetchone())

# Text results.
cur.execute("SELECT host, usage, n, ok, time FROM cpu ORDER BY time")
out["types"] = [d.type_code for d in cur.description]
out["text"] = [[h, u, n, ok, t.isoformat()] for (h, u, n, ok, t) in cur.fetchall()]

# Binary results, per cursor and per execute: every column decoded from PostgreSQL's binary form.
bcur = conn.cursor(binary=True)
bcur.execute("SELECT host, usage, n, ok, time FROM cpu WHERE usage > %s ORDER BY time", (0.5,))
out["binary"] = [[h, u, n, ok, t.isoformat()] for (h, u, n, ok, t) in bcur.fetchall()]
cur.execute("SELECT count(*), sum(n), max(time) FROM cpu WHERE host = %s", ("a",), binary=True)
count, total, latest = cur.fetchone()
out["binaryExecute"] = [count, int(total), latest.isoformat()]
cur.execute("SELECT %s::bigint, %s::bool, %s::text", (None, True, "z"), binary=True)
out["binaryParams"] = list(cur.fetchone())

# Errors keep their SQLSTATE and leave the connection usable.
errors = {}
for name, sql in (("division", "SELECT 1/0"), ("table", "SELECT * FROM nope"), ("column", "SELECT nope FROM cpu"), ("syntax", "SELEC 1")):
    try:
        cur.execute(sql)
        errors[name] = None
    except psycopg.Error as e:
        errors[name] = e.sqlstate
out["errors"] = errors
cur.execute("SELECT count(*) FROM cpu")
out["after"] = cur.fetchone()[0]

# Transactions: BEGIN ... COMMIT / ROLLBACK and the transaction status libpq reports.
conn.autocommit = False
with conn.transaction():
    cur.execute("SELECT 1")
    out["inTransaction"] = str(conn.info.transaction_status.name)
try:
    with conn.transaction():
        cur.execute("SELECT 1/0")
except psycopg.errors.DivisionByZero:
    pass
out["afterRollback"] = str(conn.info.transaction_status.name)

# A server-side (named) cursor read in batches of itersize rows, text then binary.
with conn.transaction():
    with conn.cursor(name="c1") as named:
        named.itersize = 1
        named.execute("SELECT host FROM cpu ORDER BY host")
        out["named"] = [r[0] for r in named]
    with conn.cursor(name="c2", binary=True) as named:
        named.execute("SELECT n, time FROM cpu ORDER BY time")
        out["namedBinary"] = [[n, t.isoformat()] for (n, t) in named.fetchmany(5)]
conn.autocommit = True

# COPY out in text, then COPY in (text rows written by psycopg), then read back.
with cur.copy("COPY (SELECT host, n FROM cpu ORDER BY host) TO STDOUT") as copy:
    out["copyOut"] = [list(row) for row in copy.rows()]
with cur.copy("COPY cpu (time, host, usage) FROM STDIN") as copy:
    copy.write_row(("2024-01-02 00:00:00+00", "c", 7.5))
    copy.write_row(("2024-01-02 00:00:01+00", "d", 8.5))
out["copyInRows"] = cur.rowcount
cur.execute("SELECT host, usage FROM cpu WHERE time >= '2024-01-02' ORDER BY host")
out["copyIn"] = [list(r) for r in cur.fetchall()]
try:
    with cur.copy("COPY cpu (time, host, usage) FROM STDIN") as copy:
        copy.write_row(("2024-01-03 00:00:00+00", "e", "not a number"))
    out["copyError"] = None
except psycopg.Error as e:
    out["copyError"] = e.sqlstate

conn.close()
print(json.dumps(out, separators=(",", ":")))
