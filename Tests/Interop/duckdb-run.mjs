// Runs SQL statements in an in-memory DuckDB (the Parquet interop oracle) and prints the last
// statement's result as one JSON object: {"columns": [...], "types": [...], "rows": [[...], ...]}.
// Values: BIGINT-like as decimal strings (exact), DOUBLE as JSON numbers (shortest round-trip
// form, so C# parses back the identical double), VARCHAR as strings, BOOLEAN as booleans, NULL as
// null, anything else as its string form. Usage: node duckdb-run.mjs "<sql>" ["<sql>" ...]
import { DuckDBInstance } from '@duckdb/node-api';

const statements = process.argv.slice(2);
if (statements.length === 0) {
  console.error('usage: node duckdb-run.mjs "<sql>" ["<sql>" ...]');
  process.exit(2);
}

function toJson(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    if (Object.is(value, -0)) return '-0';
    return value;
  }
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

try {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  let reader = null;
  for (const sql of statements) {
    reader = await connection.runAndReadAll(sql);
  }
  const columns = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  const rows = reader.getRows().map((row) => row.map(toJson));
  process.stdout.write(JSON.stringify({ columns, types, rows }));
} catch (error) {
  console.error(String(error && error.message ? error.message : error));
  process.exit(1);
}
