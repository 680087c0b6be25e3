package io.github.distlock.agent.core.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.distlock.agent.core.history.JobsJson;
import io.github.distlock.agent.core.redis.Failures;
import io.github.distlock.agent.core.redis.FleetHistory;
import io.github.distlock.agent.core.redis.HistoryReader;
import io.lettuce.core.RedisException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The read-only dashboard, served by an operator's process from the JDK's HTTP server: the page and its script from
 * the agent jar, and {@code /api/jobs}, the fleet's locks and run history as {@code jobs --json} has them. Nothing
 * in it can change a lock.
 */
public final class DashboardServer implements AutoCloseable {

  private static final Map<String, String> FILES = new HashMap<>();

  static {
    FILES.put("/", "index.html");
    FILES.put("/index.html", "index.html");
    FILES.put("/dashboard.js", "dashboard.js");
    FILES.put("/dashboard.css", "dashboard.css");
  }

  private final FleetHistory fleet;
  private final String keyPrefix;
  private final DashboardAccess access;
  private final HttpServer server;
  private final ExecutorService threads;

  /**
   * Binds {@code address} at once.
   *
   * @param token required of every request when not {@code null}
   * @throws IOException when the address cannot be bound
   */
  public DashboardServer(FleetHistory fleet, String keyPrefix, InetSocketAddress address, String token)
      throws IOException {
    this.fleet = fleet;
    this.keyPrefix = keyPrefix;
    this.access = new DashboardAccess(token);
    this.server = HttpServer.create(address, 16);
    this.threads = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "distlock-dashboard");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  public void start() {
    server.start();
  }

  /** The port it listens on: the one asked for, or the one the system chose for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        send(exchange, 405, "text/plain", "read-only: GET only\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/") && access.grantedBy(exchange.getRequestURI().getRawQuery())) {
        // The token leaves the address bar: the browser keeps it in a cookie the page's script cannot read.
        exchange.getResponseHeaders().add("Set-Cookie", access.cookie());
        exchange.getResponseHeaders().add("Location", "/");
        send(exchange, 303, "text/plain", "");
        return;
      }
      if (!access.allows(exchange)) {
        send(exchange, 401, "text/plain", "401: this dashboard needs its token: open /?token=... once, or send"
            + " Authorization: Bearer ...\n");
        return;
      }
      if (path.equals("/api/jobs")) {
        jobs(exchange);
        return;
      }
      String file = FILES.get(path);
      if (file == null) {
        send(exchange, 404, "text/plain", "not found\n");
        return;
      }
      send(exchange, 200, contentType(file), resource(file));
    } finally {
      exchange.close();
    }
  }

  private void jobs(HttpExchange exchange) throws IOException {
    List<HistoryReader.KeySnapshot> keys;
    try {
      keys = fleet.read(key -> true);
    } catch (RedisException e) {
      send(exchange, 503, "application/json", "{\"error\":" + JobsJson.quote("cannot read from " + fleet.where()
          + ": " + Failures.describe(e)) + "}");
      return;
    }
    long now = System.currentTimeMillis();
    JobsJson jobs = new JobsJson();
    for (HistoryReader.KeySnapshot key : keys) {
      jobs.add(key.history(), key.status(now), key.timeLeftMillis());
    }
    send(exchange, 200, "application/json", "{\"now\":" + now + ",\"prefix\":" + JobsJson.quote(keyPrefix)
        + ",\"source\":" + JobsJson.quote(fleet.where()) + ",\"jobs\":" + jobs + "}");
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'self'");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String contentType(String file) {
    return file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript" : "text/css";
  }

  private static byte[] resource(String file) throws IOException {
    try (InputStream in = DashboardServer.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IOException("the agent jar lacks the dashboard's " + file);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        bytes.write(buffer, 0, n);
      }
      return bytes.toByteArray();
    }
  }
}
