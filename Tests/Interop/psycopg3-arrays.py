"""psycopg 3 (Debian python3-psycopg) with array bind parameters, for
Tests/EndToEnd/ArrayParameterInteropTests: %b sends Python lists in PostgreSQL's binary array
format (array_recv framing, element type chosen by psycopg from the values), %t in text.
Argument: a libpq connection string. Prints what it saw as JSON."""
import json
import sys

import psycopg

out = {}
conn = psycopg.connect(sys.argv[1], autocommit=True)
cur = conn.cursor()

cur.execute("SELECT n FROM cpu WHERE n = ANY(%b) ORDER BY n", ([2, 3, 99],))
out["binaryInts"] = [r[0] for r in cur.fetchall()]
cur.execute("SELECT n FROM cpu WHERE n = ANY(%b) ORDER BY n", ([3, 10**12],))
out["binaryBigInts"] = [r[0] for r in cur.fetchall()]
cur.execute("SELECT count(*) FROM cpu WHERE host = ANY(%b)", (["a", "b", None],))
out["binaryTexts"] = cur.fetchone()[0]
cur.execute("SELECT count(*) FROM cpu WHERE host = ANY(%t)", (["b", "x y"],))
out["textTexts"] = cur.fetchone()[0]
cur.execute("SELECT %b::int8[], %b::text[], %b::float8[]", ([1, None, -3], ["x", "", "a,b"], [1.5, -0.25]), binary=True)
out["binaryEcho"] = [list(v) for v in cur.fetchone()]
cur.execute("SELECT %b", ([],))
out["emptyArray"] = cur.fetchone()[0]
conn.close()
print(json.dumps(out, separators=(",", ":")))
