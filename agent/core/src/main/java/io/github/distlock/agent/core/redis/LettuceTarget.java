package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.config.AgentConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Lettuce client for the configured Redis: one server, reached directly or through Sentinel, or a Redis
 * Cluster, whose client routes each command to the node that owns its key and follows {@code MOVED} and
 * {@code ASK} redirections. Either way it opens the one connection the lock protocol runs on.
 */
final class LettuceTarget {

  // A cluster's shape changes on failover and resharding; the client also refreshes at once on a redirection.
  private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);

  private final AbstractRedisClient client;
  private final Supplier<StatefulConnection<String, String>> connect;
  private final String description;
  private final boolean viaSentinel;

  private LettuceTarget(AbstractRedisClient client, Supplier<StatefulConnection<String, String>> connect,
      String description, boolean viaSentinel) {
    this.client = client;
    this.connect = connect;
    this.description = description;
    this.viaSentinel = viaSentinel;
  }

  /** A client for {@code uri}, one server or Sentinel; its connections carry no command API. */
  static LettuceTarget server(AgentConfig config, ClientResources resources, RedisURI uri) {
    RedisClient client = new CommandsOnlyClient(resources, uri);
    ClientOptions.Builder options = common(ClientOptions.builder(), config);
    // Without TLS, no TLS classes: the first connection of every plain JVM would pay for loading them.
    client.setOptions((uri.isSsl() ? options.sslOptions(TlsOptions.of(config.tls())) : options).build());
    return new LettuceTarget(client, client::connect, RedisUris.describe(uri), !uri.getSentinels().isEmpty());
  }

  /** A client for the Redis Cluster that the configured seed nodes belong to. */
  static LettuceTarget cluster(AgentConfig config, ClientResources resources) {
    List<RedisURI> seeds = RedisUris.clusterSeeds(config, config.connectTimeout());
    RedisClusterClient client = RedisClusterClient.create(resources, seeds);
    ClusterClientOptions.Builder options = ClusterClientOptions.builder();
    common(options, config);
    client.setOptions(options
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enablePeriodicRefresh(TOPOLOGY_REFRESH)
            .enableAllAdaptiveRefreshTriggers()
            .build())
        .build());
    List<String> nodes = new ArrayList<>();
    for (RedisURI seed : seeds) {
      nodes.add(seed.getHost() + ":" + seed.getPort());
    }
    return new LettuceTarget(client, () -> connectToPrimaries(client), "redis cluster " + String.join(",", nodes),
        false);
  }

  // The client opens a node's connection on its first command, and with commands rejected while disconnected that
  // first command would fail: the first lock of each primary's keys would run unlocked.
  private static StatefulConnection<String, String> connectToPrimaries(RedisClusterClient client) {
    StatefulRedisClusterConnection<String, String> connection = client.connect();
    for (RedisClusterNode node : connection.getPartitions()) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
        // By address: the client routes each key to its primary's connection by address, not by node id.
        connection.getConnection(node.getUri().getHost(), node.getUri().getPort());
      }
    }
    return connection;
  }

  private static <B extends ClientOptions.Builder> B common(B options, AgentConfig config) {
    options.autoReconnect(true)
        // Lettuce would otherwise queue commands while disconnected and replay them later, leaving orphan locks.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
        .timeoutOptions(TimeoutOptions.enabled(config.timeout()));
    return options;
  }

  StatefulConnection<String, String> connect() {
    return connect.get();
  }

  /** Where it connects, without credentials. */
  String describe() {
    return description;
  }

  /** Whether the server is found through Sentinel, and so may be another after a reconnection. */
  boolean viaSentinel() {
    return viaSentinel;
  }

  void shutdown(long timeoutMillis) {
    client.shutdown(0, timeoutMillis, TimeUnit.MILLISECONDS);
  }
}
