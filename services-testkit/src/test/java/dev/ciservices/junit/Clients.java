package dev.ciservices.junit;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Minimal real clients: JDBC for PostgreSQL, RESP over a socket for Redis. */
final class Clients {
  private Clients() {}

  /** {@code SELECT 1} on the {@link WithPostgres} database. */
  static int selectOne(ServiceHandle db) throws SQLException {
    String url = "jdbc:" + db.uri("postgresql", 5432) + "/postgres";
    try (Connection c = DriverManager.getConnection(url, "postgres", "pw"); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 1")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** Redis's answer to {@code PING}, e.g. {@code +PONG}. */
  static String ping(ServiceHandle redis) throws IOException {
    try (Socket socket = new Socket(redis.host(), redis.port(6379))) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    }
  }
}
