package io.github.distlock.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} child process on a loopback port, with its log and working directory in a temp dir; as a
 * replica or a sentinel when given the configuration lines or arguments that make it one.
 */
final class LocalRedisProcess extends RedisBackend {

  private static final int PORT_ATTEMPTS = 5;

  private final Path binary;
  private final String password;
  private final Persistence persistence;
  private final Path dir;
  private final Path log;
  private final int port;
  /** Written to {@code redis.conf} in {@link #dir}, given as the first argument; none when empty. */
  private final List<String> configLines;
  private final List<String> extraArgs;
  private volatile Process process;
  private boolean paused;

  private LocalRedisProcess(Path binary, String password, Persistence persistence, Path dir, int port,
      List<String> configLines, List<String> extraArgs) {
    this.binary = binary;
    this.password = password;
    this.persistence = persistence;
    this.dir = dir;
    this.log = dir.resolve("redis.log");
    this.port = port;
    this.configLines = configLines;
    this.extraArgs = extraArgs;
  }

  /** {@code REDIS_SERVER_BIN} if set, else {@code redis-server} on the PATH, in /usr/bin or in /usr/local/bin. */
  static Optional<Path> findBinary() {
    String configured = System.getenv("REDIS_SERVER_BIN");
    if (configured != null && !configured.isEmpty()) {
      Path path = Paths.get(configured);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException("REDIS_SERVER_BIN=" + configured + " is not an executable file");
      }
      return Optional.of(path);
    }
    List<String> dirs = new ArrayList<>();
    String pathVar = System.getenv("PATH");
    if (pathVar != null) {
      dirs.addAll(List.of(pathVar.split(File.pathSeparator)));
    }
    dirs.add("/usr/bin");
    dirs.add("/usr/local/bin");
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Paths.get(d, "redis-server"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * The local binary, for a deployment only a local process can make (replicas, sentinels, a cluster, TLS): the
   * test is skipped without one, except on CI, where a missing Redis is a broken build.
   */
  static Path requireBinary(String purpose) {
    Optional<Path> binary = findBinary();
    if (binary.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("redis-server is not installed; .ci/run installs it");
    }
    Assumptions.assumeTrue(binary.isPresent(), "no redis-server to run " + purpose + " with");
    return binary.get();
  }

  /** Starts a server on a free port, trying another port when the chosen one is taken before Redis binds it. */
  static LocalRedisProcess start(Path binary, String password, Persistence persistence) {
    return start(binary, password, persistence, List.of(), List.of());
  }

  /**
   * As {@link #start(Path, String, Persistence)}, with a config file of {@code configLines} (a sentinel needs one it
   * can rewrite) and {@code extraArgs} after the usual ones, such as {@code --replicaof host port}.
   */
  static LocalRedisProcess start(Path binary, String password, Persistence persistence, List<String> configLines,
      List<String> extraArgs) {
    Path dir;
    try {
      dir = Files.createTempDirectory("distlock-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
        LocalRedisProcess redis =
            new LocalRedisProcess(binary, password, persistence, dir, freePort(), configLines, extraArgs);
        if (redis.launch()) {
          return redis;
        }
      }
    } catch (RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
    deleteTree(dir);
    throw new IllegalStateException("redis-server found no free port in " + PORT_ATTEMPTS + " attempts");
  }

  @Override
  String host() {
    return "127.0.0.1";
  }

  @Override
  int port() {
    return port;
  }

  @Override
  void start() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    // The port may still be held briefly by a process that is going away, so retry inside the deadline.
    while (!launch()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException("port " + port + " stayed in use for " + START_TIMEOUT + "\n" + logTail());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  @Override
  void stop() {
    if (process == null) {
      return;
    }
    // A stopped process only acts on SIGTERM once continued; SIGKILL works either way.
    if (paused) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server", e);
    }
    paused = false;
    awaitPortClosed();
  }

  @Override
  void pause() {
    signal("STOP");
    paused = true;
    // SIGSTOP takes effect asynchronously; where /proc exists, wait until the kernel reports the process stopped.
    Path stat = Paths.get("/proc", Long.toString(process.pid()), "stat");
    if (Files.exists(stat)) {
      Await.until("redis-server to be stopped", STOP_TIMEOUT, () -> procState(stat) == 'T');
    }
  }

  @Override
  void resume() {
    signal("CONT");
    paused = false;
  }

  @Override
  boolean isPaused() {
    return paused && process.isAlive();
  }

  @Override
  boolean isRunning() {
    return process != null && process.isAlive() && !paused;
  }

  @Override
  synchronized void destroy() {
    Process current = process;
    if (current != null && current.isAlive()) {
      current.destroyForcibly();
      try {
        current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    deleteTree(dir);
  }

  /** Starts the process; false if the port was in use, an exception for any other failure. */
  private boolean launch() {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    if (!configLines.isEmpty()) {
      Path config = dir.resolve("redis.conf");
      try {
        Files.write(config, configLines, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      command.add(config.toString());
    }
    command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString()));
    command.addAll(persistence.serverArgs());
    command.addAll(extraArgs);
    if (password != null) {
      command.add("--requirepass");
      command.add(password);
    }
    long logStart = log.toFile().length();
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary, e);
    }
    paused = false;
    Process launched = process;
    try {
      Await.until("redis-server on port " + port + " to answer PING", START_TIMEOUT,
          () -> !launched.isAlive() || answersPing());
    } catch (AssertionError e) {
      launched.destroyForcibly();
      throw new IllegalStateException(e.getMessage() + "\n" + logTail(), e);
    }
    if (launched.isAlive()) {
      return true;
    }
    if (logSince(logStart).contains("Address already in use")) {
      return false;
    }
    throw new IllegalStateException("redis-server exited with code " + launched.exitValue() + "\n" + logTail());
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + signal, e);
    }
  }

  private static char procState(Path stat) {
    try {
      String content = Files.readString(stat);
      // The state follows the command name, which is in parentheses and may itself contain spaces.
      return content.charAt(content.lastIndexOf(')') + 2);
    } catch (IOException e) {
      return '?';
    }
  }

  private String logSince(long offset) {
    try {
      byte[] bytes = Files.readAllBytes(log);
      return new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(0, bytes.length - offset),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "--- redis-server output, last lines ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
