// Runs pgjdbc (Debian libpostgresql-jdbc-java) against a server and prints what it saw, one fact
// per line, for Tests/EndToEnd/PgJdbcTests. Argument: a JDBC URL.
import java.sql.*;

public class PgJdbcClient {
    /** The result's column labels, comma-separated: the shape a client reads by name. */
    static String labels(ResultSet r) throws SQLException {
        ResultSetMetaData m = r.getMetaData();
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= m.getColumnCount(); i++) {
            s.append(i > 1 ? "," : "").append(m.getColumnLabel(i));
        }
        return s.toString();
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], "postgres", "")) {
            DatabaseMetaData meta = c.getMetaData();
            System.out.println("product=" + meta.getDatabaseProductName() + " " + meta.getDatabaseMajorVersion());
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT host, usage, n, ok, time FROM cpu ORDER BY time")) {
                while (r.next()) {
                    System.out.println("row=" + r.getString(1) + "|" + r.getDouble(2) + "|" + r.getLong(3) + "|" + r.getBoolean(4) + "|" + r.getTimestamp(5).toInstant());
                }
            }
            // Past prepareThreshold (5) pgjdbc switches to a named server-side prepared statement.
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM cpu WHERE host = ? AND usage > ?")) {
                StringBuilder counts = new StringBuilder();
                for (int i = 0; i < 7; i++) {
                    p.setString(1, i % 2 == 0 ? "a" : "b");
                    p.setDouble(2, 1.0);
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        counts.append(r.getLong(1));
                    }
                }
                System.out.println("prepared=" + counts);
            }
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1/0");
                System.out.println("error=none");
            } catch (SQLException e) {
                System.out.println("error=" + e.getSQLState());
            }
            // Fetch size through portals: rows come in chunks inside a transaction.
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1);
                try (ResultSet r = s.executeQuery("SELECT host FROM cpu ORDER BY host")) {
                    StringBuilder hosts = new StringBuilder();
                    while (r.next()) {
                        hosts.append(r.getString(1));
                    }
                    System.out.println("fetched=" + hosts);
                }
            }
            c.commit();
            try (ResultSet r = meta.getTables(null, "public", "%", new String[] {"TABLE"})) {
                StringBuilder tables = new StringBuilder();
                while (r.next()) {
                    tables.append(r.getString("TABLE_NAME")).append(';');
                }
                System.out.println("tables=" + tables);
            } catch (SQLException e) {
                System.out.println("tables-error=" + e.getSQLState() + " " + e.getMessage());
            }
            try (ResultSet r = meta.getColumns(null, "public", "cpu", "%")) {
                StringBuilder columns = new StringBuilder();
                while (r.next()) {
                    columns.append(r.getString("COLUMN_NAME")).append(':').append(r.getString("TYPE_NAME")).append(';');
                }
                System.out.println("columns=" + columns);
            } catch (SQLException e) {
                System.out.println("columns-error=" + e.getSQLState() + " " + e.getMessage());
            }
            // DatabaseMetaData that IDEs and BI tools call on connect: our tables have no keys or
            // indexes, so primary keys and index info are empty, but the queries must run
            // (getPrimaryKeys and getIndexInfo use information_schema._pg_expandarray).
            c.setAutoCommit(true);
            try (ResultSet r = meta.getPrimaryKeys(null, "public", "cpu")) {
                int rows = 0;
                while (r.next()) {
                    rows++;
                }
                System.out.println("primary-keys=" + rows + " " + labels(r));
            } catch (SQLException e) {
                System.out.println("primary-keys-error=" + e.getSQLState());
            }
            try (ResultSet r = meta.getIndexInfo(null, "public", "cpu", false, true)) {
                int rows = 0;
                while (r.next()) {
                    rows++;
                }
                System.out.println("index-info=" + rows + " " + labels(r));
            } catch (SQLException e) {
                System.out.println("index-info-error=" + e.getSQLState());
            }
            try (ResultSet r = meta.getSchemas()) {
                StringBuilder schemas = new StringBuilder();
                while (r.next()) {
                    schemas.append(r.getString("TABLE_SCHEM")).append(';');
                }
                System.out.println("schemas=" + schemas);
            } catch (SQLException e) {
                System.out.println("schemas-error=" + e.getSQLState());
            }
            try (ResultSet r = meta.getTypeInfo()) {
                StringBuilder types = new StringBuilder();
                while (r.next()) {
                    String name = r.getString("TYPE_NAME");
                    if (name.equals("int8") || name.equals("float8") || name.equals("text") || name.equals("timestamptz") || name.equals("bool")) {
                        types.append(name).append(':').append(r.getInt("DATA_TYPE")).append(';');
                    }
                }
                System.out.println("type-info=" + types);
            } catch (SQLException e) {
                System.out.println("type-info-error=" + e.getSQLState());
            }
            // Metabase's sync over pgjdbc: session setup, then describe-database as a prepared query.
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
                c.setAutoCommit(true);
                c.setReadOnly(true);
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT \"n\".\"nspname\" AS \"schema\", \"c\".\"relname\" AS \"name\", CASE \"c\".\"relkind\" WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE NULL END AS \"type\", \"d\".\"description\" AS \"description\", \"stat\".\"n_live_tup\" AS \"estimated_row_count\" "
                        + "FROM \"pg_catalog\".\"pg_class\" AS \"c\" INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"n\" ON \"c\".\"relnamespace\" = \"n\".\"oid\" "
                        + "LEFT JOIN \"pg_catalog\".\"pg_description\" AS \"d\" ON (\"c\".\"oid\" = \"d\".\"objoid\") AND (\"d\".\"objsubid\" = ?) AND (\"d\".\"classoid\" = 'pg_class'::regclass) "
                        + "LEFT JOIN \"pg_stat_user_tables\" AS \"stat\" ON (\"n\".\"nspname\" = \"stat\".\"schemaname\") AND (\"c\".\"relname\" = \"stat\".\"relname\") "
                        + "WHERE (\"c\".\"relnamespace\" = \"n\".\"oid\") AND (\"n\".\"nspname\" !~ ?) AND (\"n\".\"nspname\" <> ?) AND c.relkind in ('r', 'p', 'v', 'f', 'm') AND (\"n\".\"nspname\" IN (?)) "
                        + "ORDER BY \"type\" ASC, \"schema\" ASC, \"name\" ASC")) {
                    p.setInt(1, 0);
                    p.setString(2, "^pg_");
                    p.setString(3, "information_schema");
                    p.setString(4, "public");
                    StringBuilder tables = new StringBuilder();
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            tables.append(r.getString("schema")).append('.').append(r.getString("name")).append(':').append(r.getString("type")).append(';');
                        }
                    }
                    System.out.println("metabase-tables=" + tables);
                }
            } catch (SQLException e) {
                System.out.println("metabase-error=" + e.getSQLState() + " " + e.getMessage());
            }
        }
    }
}
