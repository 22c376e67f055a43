"""Runs psycopg2 (Debian python3-psycopg2, libpq underneath) against a server and prints what it
saw as JSON, for Tests/EndToEnd/PsycopgTests. Argument: a libpq connection string."""
import json
import sys

import psycopg2

out = {}
conn = psycopg2.connect(sys.argv[1])
conn.autocommit = True
cur = conn.cursor()
# psycopg2 interpolates parameters client-side, quoting them as SQL literals.
cur.execute("SELECT %s::int + 1, %s::text, %s::float8", (41, "it's", 2.5))
out["params"] = list(cur.fetchone())
cur.execute("SELECT host, usage, n, ok, time FROM cpu ORDER BY time")
out["types"] = [d.type_code for d in cur.description]
out["rows"] = [[h, u, n, ok, t.isoformat()] for (h, u, n, ok, t) in cur.fetchall()]
try:
    cur.execute("SELECT 1/0")
    out["error"] = None
except psycopg2.Error as e:
    out["error"] = e.pgcode
cur.execute("SELECT count(*) FROM cpu")
out["after"] = cur.fetchone()[0]
# A server-side (named) cursor: DECLARE ... FETCH, in a transaction.
conn.autocommit = False
named = conn.cursor(name="c1")
try:
    named.execute("SELECT host FROM cpu ORDER BY host")
    out["named"] = [r[0] for r in named.fetchall()]
except psycopg2.Error as e:
    out["named"] = e.pgcode
conn.rollback()
conn.close()
print(json.dumps(out, separators=(",", ":")))
