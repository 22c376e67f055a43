// Runs node-postgres (the `pg` package) against a server and prints what it saw as JSON, for
// Tests/EndToEnd/NodePgTests. Argument: a connection string.
import pg from 'pg';

const client = new pg.Client({ connectionString: process.argv[2] });
await client.connect();
const out = {};
const params = await client.query('SELECT $1::int + 1 AS n, $2::text AS t, $3::float8 AS f, $4::timestamptz AS ts', [41, 'x', 2.5, '2024-01-01T00:00:00Z']);
out.params = { n: params.rows[0].n, t: params.rows[0].t, f: params.rows[0].f, ts: params.rows[0].ts.toISOString() };
const rows = await client.query('SELECT host, usage, n, ok, time FROM cpu ORDER BY time');
out.types = rows.fields.map(f => f.dataTypeID);
out.rows = rows.rows.map(r => [r.host, r.usage, r.n, r.ok, r.time.toISOString()]);
try {
  await client.query('SELECT 1/0');
  out.error = null;
} catch (e) {
  out.error = e.code;
}
const after = await client.query('SELECT count(*) AS c FROM cpu');
out.after = after.rows[0].c;
const prepared = [];
for (const host of ['a', 'b', 'nope']) {
  const r = await client.query({ name: 'by-host', text: 'SELECT count(*) AS c FROM cpu WHERE host = $1', values: [host] });
  prepared.push(r.rows[0].c);
}
out.prepared = prepared;
await client.end();
console.log(JSON.stringify(out));
