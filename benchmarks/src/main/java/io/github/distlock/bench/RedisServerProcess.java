package io.github.distlock.bench;

import io.github.distlock.bench.calls.RespClient;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmarks' own {@code redis-server}: a child process on a free loopback port, without persistence, so the
 * figures never depend on (or disturb) any other Redis on the machine.
 */
final class RedisServerProcess implements AutoCloseable {

  private static final int DEFAULT_REDIS_PORT = 6379;
  private static final int ATTEMPTS = 5;

  private final Process process;
  private final int port;

  private RedisServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts one in {@code dir}, retrying on another port if the chosen one is taken before Redis binds it. */
  static RedisServerProcess start(Path dir) throws IOException, InterruptedException {
    return start(dir, List.of());
  }

  /** A replica of the server on {@code primaryPort}, once it has synchronised with it. */
  static RedisServerProcess replicaOf(int primaryPort, Path dir) throws IOException, InterruptedException {
    RedisServerProcess replica =
        start(dir, List.of("--replicaof", "127.0.0.1", Integer.toString(primaryPort)));
    if (!Poll.until(Duration.ofSeconds(30), () -> acknowledgedByOneReplica(primaryPort))) {
      replica.close();
      throw new IllegalStateException("the replica did not synchronise; see the logs in " + dir);
    }
    return replica;
  }

  private static RedisServerProcess start(Path dir, List<String> extraArgs)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path binary = binary();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = freePort();
      List<String> command = new ArrayList<>(List.of(
          binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
          "--appendonly", "no", "--dir", dir.toString()));
      command.addAll(extraArgs);
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
          .start();
      // Ends early when the process dies, e.g. because another process took the port first.
      if (Poll.until(Duration.ofSeconds(10), () -> !process.isAlive() || ping(port)) && process.isAlive()) {
        return new RedisServerProcess(process, port);
      }
      process.destroyForcibly().waitFor();
    }
    throw new IllegalStateException("redis-server did not start; see the logs in " + dir);
  }

  int port() {
    return port;
  }

  String version() throws IOException, InterruptedException {
    Process v = new ProcessBuilder(binary().toString(), "--version").redirectErrorStream(true).start();
    String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    v.waitFor();
    return out;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** {@code REDIS_SERVER_BIN}, else the first {@code redis-server} on the PATH or in /usr/bin. */
  private static Path binary() {
    String configured = System.getenv("REDIS_SERVER_BIN");
    if (configured != null && !configured.isEmpty()) {
      return Path.of(configured);
    }
    String path = System.getenv("PATH");
    List<String> dirs = new ArrayList<>(
        path == null ? List.of() : List.of(path.split(File.pathSeparator)));
    dirs.add("/usr/bin");
    dirs.add("/usr/local/bin");
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("redis-server not found: install it (apt-get install redis-server) or set"
        + " REDIS_SERVER_BIN");
  }

  private static int freePort() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (port != DEFAULT_REDIS_PORT) {
          return port;
        }
      }
    }
  }

  // WAIT answers how many replicas have this connection's writes: 1 once the replica is in sync.
  private static boolean acknowledgedByOneReplica(int primaryPort) {
    try (RespClient redis = RespClient.connect(primaryPort)) {
      return redis.call("WAIT", "1", "100").equals(":1");
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  private static boolean ping(int port) {
    try (RespClient redis = RespClient.connect(port)) {
      return redis.call("PING").equals("+PONG");
    } catch (UncheckedIOException e) {
      return false;
    }
  }

}
