// pgjdbc (Debian libpostgresql-jdbc-java) with array bind parameters made by
// Connection.createArrayOf, for Tests/EndToEnd/ArrayParameterInteropTests. Argument: a JDBC URL.
// Prints one fact per line.
import java.sql.*;
import java.util.Arrays;

public class PgJdbcArrays {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], "postgres", "")) {
            try (PreparedStatement p = c.prepareStatement("SELECT n FROM cpu WHERE n = ANY(?) ORDER BY n")) {
                StringBuilder seen = new StringBuilder();
                // Past prepareThreshold (5) the statement is a named server-side one: the same array type each time.
                for (int i = 0; i < 6; i++) {
                    p.setArray(1, c.createArrayOf("bigint", new Long[] {2L, (long) (3 + i % 2)}));
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            seen.append(r.getLong(1));
                        }
                    }
                    seen.append(';');
                }
                System.out.println("bigint=" + seen);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM cpu WHERE n = ANY(?)")) {
                p.setArray(1, c.createArrayOf("integer", new Integer[] {2, 3, null}));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    System.out.println("integer=" + r.getLong(1));
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM cpu WHERE host = ANY(?)")) {
                p.setArray(1, c.createArrayOf("text", new String[] {"a", "b \"q\"", "{}"}));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    System.out.println("text=" + r.getLong(1));
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT ?::int4[], ?::text[]")) {
                p.setArray(1, c.createArrayOf("int4", new Integer[] {1, null, -7}));
                p.setArray(2, c.createArrayOf("varchar", new String[] {"x", "", "NULL"}));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    System.out.println("echo=" + Arrays.toString((Object[]) r.getArray(1).getArray()) + Arrays.toString((Object[]) r.getArray(2).getArray()));
                }
            }
        }
    }
}
