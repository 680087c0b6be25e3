package io.github.distlock.it.support;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway Redis server per test class, registered as
 * {@code @RegisterExtension static final RedisServer redis = RedisServer.create();}.
 *
 * <p>It runs the local {@code redis-server} binary when there is one, else a {@code redis:7-alpine} container, else
 * the Redis 6.2 binary the {@code embedded-redis} test jar carries; with {@code -Ddistlock.it.redis=6.2}, always the
 * latter, so that the core suite also runs against Redis 6.2. Each
 * test starts with a running, empty server with reset statistics, whatever the previous test did to it; the server
 * is removed after the class, and by a shutdown hook should the JVM exit first.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private static final String UNAVAILABLE = "Neither a redis-server binary (PATH, /usr/bin, /usr/local/bin or"
      + " REDIS_SERVER_BIN) nor a Docker engine is available, and embedded-redis has no binary for this system."
      + " Install Redis 7 (apt-get install redis-server, brew install redis), set REDIS_SERVER_BIN to its"
      + " redis-server, or start Docker.";
  /** The system property that chooses the Redis the suite runs against: {@code 6.2} for the embedded one. */
  public static final String VERSION_PROPERTY = "distlock.it.redis";

  private static final Set<RedisBackend> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(RedisBackend::destroy), "redis-cleanup"));
  }

  private final String password;
  private final Persistence persistence;
  private RedisBackend backend;
  // Nested test classes run the class callbacks again; only the outermost pair may start and remove the server.
  private int classDepth;

  private RedisServer(String password, Persistence persistence) {
    this.password = password;
    this.persistence = persistence;
  }

  public static RedisServer create() {
    return new RedisServer(null, Persistence.NONE);
  }

  /** A server that requires {@code AUTH password}. */
  public static RedisServer withPassword(String password) {
    return new RedisServer(password, Persistence.NONE);
  }

  /** A server that keeps every write across restarts, {@code kill -9} included. */
  public static RedisServer persistent() {
    return new RedisServer(null, Persistence.APPEND_ONLY);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (classDepth++ == 0) {
      ensureLaunched();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ensureLaunched();
    // Skipping here rather than in beforeAll lists every test as skipped, with the reason, in the reports.
    Assumptions.assumeTrue(backend != null, UNAVAILABLE);
    if (backend.isPaused()) {
      backend.resume();
    }
    if (!backend.isRunning()) {
      backend.start();
    }
    try (RespClient client = client()) {
      client.flushAll();
      client.command("CONFIG", "RESETSTAT");
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--classDepth == 0 && backend != null) {
      LIVE.remove(backend);
      RedisBackend removed = backend;
      backend = null;
      removed.destroy();
    }
  }

  /** {@code 127.0.0.1} for a local server, the Docker host for a container. */
  public String host() {
    return launched().host();
  }

  public int port() {
    return launched().port();
  }

  /** The password, or null when the server needs none. */
  public String password() {
    return password;
  }

  /** {@code redis://host:port}, deliberately without the password. */
  public String url() {
    return "redis://" + host() + ":" + port();
  }

  /** A new authenticated connection; the caller closes it. */
  public RespClient client() {
    return RespClient.connect(host(), port(), password);
  }

  /** Terminates the server and returns once its port is closed; a paused server is killed too. */
  public void stop() {
    if (isUp()) {
      backend.stop();
    }
  }

  /**
   * Starts the stopped server again on the same port and returns once it answers PING; its dataset is empty unless
   * it is {@link #persistent()}.
   */
  public void start() {
    if (isUp()) {
      throw new IllegalStateException("the server is already running or paused; stop() it first");
    }
    backend.start();
  }

  /** Freezes the server (SIGSTOP or docker pause): clients connect but get no answer until {@link #resume()}. */
  public void pause() {
    if (!launched().isRunning()) {
      throw new IllegalStateException("cannot pause a server that is not running");
    }
    backend.pause();
  }

  public void resume() {
    if (!launched().isPaused()) {
      throw new IllegalStateException("cannot resume a server that is not paused");
    }
    backend.resume();
  }

  /** True when the server is up and not paused. */
  public boolean isRunning() {
    return backend != null && backend.isRunning();
  }

  private boolean isUp() {
    return launched().isRunning() || backend.isPaused();
  }

  private RedisBackend launched() {
    if (backend == null) {
      throw new IllegalStateException("RedisServer is not started: register it with @RegisterExtension");
    }
    return backend;
  }

  private void ensureLaunched() {
    if (backend == null) {
      backend = launch(password, persistence);
      if (backend != null) {
        LIVE.add(backend);
      }
    }
  }

  /** A new server, or null when there is no way to run one and the build is not on CI. */
  private static RedisBackend launch(String password, Persistence persistence) {
    if ("6.2".equals(System.getProperty(VERSION_PROPERTY))) {
      Path embedded = EmbeddedRedisBinary.path()
          .orElseThrow(() -> new IllegalStateException("embedded-redis has no Redis 6.2 binary for this system"));
      return LocalRedisProcess.start(embedded, password, persistence);
    }
    Optional<Path> binary = LocalRedisProcess.findBinary();
    if (binary.isPresent()) {
      return LocalRedisProcess.start(binary.get(), password, persistence);
    }
    if (ContainerRedis.dockerAvailable()) {
      return ContainerRedis.start(password, persistence);
    }
    Optional<Path> embedded = EmbeddedRedisBinary.path();
    if (embedded.isPresent()) {
      return LocalRedisProcess.start(embedded.get(), password, persistence);
    }
    // On CI a missing Redis is a broken build, not a reason to skip the suite.
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(UNAVAILABLE);
    }
    return null;
  }
}
