// Runs pgjdbc (Debian libpostgresql-jdbc-java) against a server and prints what it saw, one fact
// per line, for Tests/EndToEnd/PgJdbcTests. Argument: a JDBC URL.
import java.sql.*;

public class PgJdbcClient {
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
        }
    }
}
