package io.github.distlock.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster on loopback: three primaries with a replica each, {@code redis-server} child processes joined by
 * {@code redis-cli --cluster create}, node timeout {@value #NODE_TIMEOUT_MILLIS} ms so that a replica takes over a
 * failed primary within seconds.
 */
public final class RedisCluster implements AutoCloseable {

  public static final long NODE_TIMEOUT_MILLIS = 1000;

  private static final Duration READY = Duration.ofSeconds(60);

  private final List<LocalRedisProcess> nodes = new ArrayList<>();

  private RedisCluster() {}

  /** Starts the cluster; skipped where there is no {@code redis-server}, except on CI, where that fails. */
  public static RedisCluster start() {
    Path binary = LocalRedisProcess.requireBinary("a cluster");
    RedisCluster cluster = new RedisCluster();
    try {
      cluster.launch(binary);
    } catch (RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private void launch(Path binary) {
    for (int i = 0; i < 6; i++) {
      // The bus port is the client port + 10000 unless set: above 55535 that is no port, and Redis exits.
      nodes.add(LocalRedisProcess.start(binary, null, Persistence.NONE, List.of(), List.of(
          "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--cluster-port", Integer.toString(RedisBackend.freePort()),
          "--cluster-node-timeout", Long.toString(NODE_TIMEOUT_MILLIS))));
    }
    List<String> command = new ArrayList<>(List.of(binary.resolveSibling("redis-cli").toString(), "--cluster",
        "create"));
    nodes.forEach(node -> command.add(node.host() + ":" + node.port()));
    command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    run(command);
    for (LocalRedisProcess node : nodes) {
      Await.until("node " + node.port() + " to see the whole cluster ok", READY, () -> {
        String info = info(node.port(), "CLUSTER", "INFO");
        return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:6");
      });
      // A manual failover to a replica that has not synced yet would be abandoned.
      Await.until("node " + node.port() + " to be a primary or a synced replica", READY, () -> {
        String replication = info(node.port(), "INFO", "replication");
        return replication.contains("role:master") || replication.contains("master_link_status:up");
      });
    }
  }

  /** {@code host:port} of every node, for {@code redis.cluster.nodes}. */
  public String seedNodes() {
    List<String> seeds = new ArrayList<>();
    nodes.forEach(node -> seeds.add(node.host() + ":" + node.port()));
    return String.join(",", seeds);
  }

  /** The ports of the nodes that are primaries now. */
  public List<Integer> primaries() {
    List<Integer> primaries = new ArrayList<>();
    for (LocalRedisProcess node : nodes) {
      if (node.isRunning() && info(node.port(), "ROLE").startsWith("[master")) {
        primaries.add(node.port());
      }
    }
    return primaries;
  }

  /** The port of the primary that serves {@code key} now. */
  public int primaryOf(String key) {
    for (int port : primaries()) {
      try (RespClient client = client(port)) {
        long slot = (Long) client.command("CLUSTER", "KEYSLOT", key);
        if (ownsSlot(String.valueOf(client.command("CLUSTER", "NODES")), slot)) {
          return port;
        }
      }
    }
    throw new IllegalStateException("no primary owns the slot of " + key);
  }

  /** The port of the replica of the primary on {@code primaryPort}. */
  public int replicaOf(int primaryPort) {
    try (RespClient client = client(primaryPort)) {
      String id = String.valueOf(client.command("CLUSTER", "MYID"));
      for (String line : String.valueOf(client.command("CLUSTER", "NODES")).split("\n")) {
        String[] fields = line.trim().split(" ");
        if (fields.length > 3 && fields[2].contains("slave") && fields[3].equals(id)) {
          return Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1, fields[1].indexOf('@')));
        }
      }
    }
    throw new IllegalStateException("no replica of " + primaryPort);
  }

  public RespClient client(int port) {
    return RespClient.connect("127.0.0.1", port, null);
  }

  /** Kills the node on {@code port} with SIGKILL, for good. */
  public void kill(int port) {
    nodes.stream().filter(node -> node.port() == port).findFirst().orElseThrow().destroy();
  }

  @Override
  public void close() {
    nodes.forEach(LocalRedisProcess::destroy);
  }

  // CLUSTER NODES: the line flagged "myself" lists this node's slot ranges, "a-b" or "a", after its 8th field.
  private static boolean ownsSlot(String clusterNodes, long slot) {
    for (String line : clusterNodes.split("\n")) {
      String[] fields = line.trim().split(" ");
      if (fields.length < 3 || !fields[2].contains("myself")) {
        continue;
      }
      for (int i = 8; i < fields.length; i++) {
        String range = fields[i];
        if (range.startsWith("[")) {
          continue;
        }
        int dash = range.indexOf('-');
        long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
        long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
        if (slot >= from && slot <= to) {
          return true;
        }
      }
    }
    return false;
  }

  private String info(int port, String... command) {
    try (RespClient client = client(port)) {
      return String.valueOf(client.command(command));
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
