package io.github.distlock.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sentinel deployment on loopback, all {@code redis-server} child processes: a primary, one replica, and three
 * sentinels that watch them as {@value #MASTER} (quorum 2, down after {@value #DOWN_AFTER_MILLIS} ms). Started
 * ready: the replica in sync, every sentinel aware of the replica and of the other two, so that a failover can
 * start as soon as the primary goes away.
 */
public final class RedisSentinels implements AutoCloseable {

  public static final String MASTER = "mymaster";
  public static final long DOWN_AFTER_MILLIS = 1000;

  private static final Duration READY = Duration.ofSeconds(30);

  private final List<LocalRedisProcess> servers = new ArrayList<>();
  private final List<LocalRedisProcess> sentinels = new ArrayList<>();

  private RedisSentinels() {}

  /** Starts the deployment; skipped where there is no {@code redis-server}, except on CI, where that fails. */
  public static RedisSentinels start() {
    Path binary = LocalRedisProcess.requireBinary("sentinels");
    RedisSentinels deployment = new RedisSentinels();
    try {
      deployment.launch(binary);
    } catch (RuntimeException | AssertionError e) {
      deployment.close();
      throw e;
    }
    return deployment;
  }

  private void launch(Path binary) {
    LocalRedisProcess primary = LocalRedisProcess.start(binary, null, Persistence.NONE, List.of(), List.of());
    servers.add(primary);
    LocalRedisProcess replica = LocalRedisProcess.start(binary, null, Persistence.NONE, List.of(),
        List.of("--replicaof", primary.host(), Integer.toString(primary.port())));
    servers.add(replica);
    Await.until("the replica to sync with the primary", READY,
        () -> info(replica, "replication").contains("master_link_status:up"));
    for (int i = 0; i < 3; i++) {
      sentinels.add(LocalRedisProcess.start(binary, null, Persistence.NONE, List.of(
          "sentinel monitor " + MASTER + " " + primary.host() + " " + primary.port() + " 2",
          "sentinel down-after-milliseconds " + MASTER + " " + DOWN_AFTER_MILLIS,
          "sentinel failover-timeout " + MASTER + " 5000",
          "sentinel parallel-syncs " + MASTER + " 1"), List.of("--sentinel")));
    }
    for (LocalRedisProcess sentinel : sentinels) {
      Await.until("sentinel " + sentinel.port() + " to know the replica and the other sentinels", READY,
          () -> count(sentinel, "REPLICAS") == 1 && count(sentinel, "SENTINELS") == 2);
    }
  }

  /** {@code redis-sentinel://} naming the three sentinels, as the README writes it. */
  public String url() {
    StringBuilder url = new StringBuilder("redis-sentinel://");
    for (int i = 0; i < sentinels.size(); i++) {
      url.append(i == 0 ? "" : ",").append(sentinels.get(i).host()).append(':').append(sentinels.get(i).port());
    }
    return url.append("/0#").append(MASTER).toString();
  }

  /** The port of the server the sentinels name as primary now. */
  public int primaryPort() {
    try (RespClient client = client(sentinels.get(0))) {
      List<?> address = (List<?>) client.command("SENTINEL", "get-master-addr-by-name", MASTER);
      return Integer.parseInt((String) address.get(1));
    }
  }

  /** The port of a server the sentinels do not name as primary. */
  public int replicaPort() {
    int primary = primaryPort();
    return servers.stream().filter(server -> server.port() != primary).findFirst()
        .orElseThrow(() -> new IllegalStateException("no replica")).port();
  }

  /** A client of the server on {@code port}, primary or replica. */
  public RespClient client(int port) {
    return client(server(port));
  }

  /** Kills the server on {@code port} with SIGKILL, for good. */
  public void kill(int port) {
    server(port).destroy();
  }

  /** Freezes the server on {@code port} with SIGSTOP: its connections stay open, nothing answers. */
  public void pause(int port) {
    server(port).pause();
  }

  /** Continues the server on {@code port} after {@link #pause}. */
  public void resume(int port) {
    server(port).resume();
  }

  /** Waits until the sentinels have promoted another server than {@code oldPrimaryPort}; returns its port. */
  public int awaitNewPrimary(int oldPrimaryPort, Duration timeout) {
    return Await.value("the sentinels to promote a new primary", timeout, () -> {
      try {
        int port = primaryPort();
        return port != oldPrimaryPort && info(server(port), "replication").contains("role:master") ? port : null;
      } catch (RuntimeException e) {
        // A sentinel busy with the failover may not answer this poll; the next one will.
        return null;
      }
    });
  }

  @Override
  public void close() {
    sentinels.forEach(LocalRedisProcess::destroy);
    servers.forEach(LocalRedisProcess::destroy);
  }

  private LocalRedisProcess server(int port) {
    return servers.stream().filter(server -> server.port() == port).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no server on port " + port));
  }

  private static RespClient client(LocalRedisProcess process) {
    return RespClient.connect(process.host(), process.port(), null);
  }

  private static String info(LocalRedisProcess process, String section) {
    try (RespClient client = client(process)) {
      return client.info(section);
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static int count(LocalRedisProcess sentinel, String what) {
    try (RespClient client = client(sentinel)) {
      return ((List<?>) client.command("SENTINEL", what, MASTER)).size();
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
