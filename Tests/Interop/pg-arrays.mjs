// node-postgres (the `pg` package) with array bind parameters, for
// Tests/EndToEnd/ArrayParameterInteropTests. pg sends every parameter in text with an unspecified
// type (OID 0), a JS array as an array literal ({"2","3"}), so the server must infer the array type
// from context (n = ANY($1)). Argument: a connection string. Prints what it saw as JSON.
import pg from 'pg';

const client = new pg.Client({ connectionString: process.argv[2] });
await client.connect();
const out = {};
const ints = await client.query('SELECT n FROM cpu WHERE n = ANY($1) ORDER BY n', [[2, 3, 99]]);
out.ints = ints.rows.map(r => r.n);
const texts = await client.query('SELECT count(*) AS c FROM cpu WHERE host = ANY($1)', [['a', 'with "quote"', null]]);
out.texts = texts.rows[0].c;
const echo = await client.query('SELECT $1::int[] AS a, $2::text[] AS t', [[1, null, -3], ['x', '', 'a,b', 'NULL']]);
out.echo = [echo.rows[0].a, echo.rows[0].t];
const prepared = [];
for (const hosts of [['a'], ['a', 'b'], []]) {
  const r = await client.query({ name: 'by-hosts', text: 'SELECT count(*) AS c FROM cpu WHERE host = ANY($1)', values: [hosts] });
  prepared.push(r.rows[0].c);
}
out.prepared = prepared;
await client.end();
console.log(JSON.stringify(out));
