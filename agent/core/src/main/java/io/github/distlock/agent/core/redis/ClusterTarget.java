package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.config.AgentConfig;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster, through Lettuce's cluster client: each command goes to the primary that owns its key's slot,
 * {@code MOVED} and {@code ASK} are followed, and the topology is refreshed on redirections, reconnections and
 * periodically. Kept apart from {@link LettuceTarget} so that an agent without a cluster never loads the cluster
 * client's classes.
 */
final class ClusterTarget {

  // A cluster's shape changes on failover and resharding; the client also refreshes on a redirection.
  private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);
  // Lettuce's default waits 30 s between refreshes triggered by redirections or reconnections: after a failover
  // that long with locks on the failed primary's slots rejected.
  private static final Duration TRIGGERED_REFRESH_MIN_INTERVAL = Duration.ofSeconds(1);

  private ClusterTarget() {}

  /** A client for the Redis Cluster that the configured seed nodes belong to. */
  static LettuceTarget create(AgentConfig config, ClientResources resources) {
    List<RedisURI> seeds = RedisUris.clusterSeeds(config, config.connectTimeout());
    RedisClusterClient client = RedisClusterClient.create(resources, seeds);
    ClusterClientOptions.Builder options = ClusterClientOptions.builder();
    LettuceTarget.common(options, config);
    client.setOptions(options
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enablePeriodicRefresh(TOPOLOGY_REFRESH)
            .enableAllAdaptiveRefreshTriggers()
            .adaptiveRefreshTriggersTimeout(TRIGGERED_REFRESH_MIN_INTERVAL)
            .build())
        .build());
    List<String> nodes = new ArrayList<>();
    for (RedisURI seed : seeds) {
      nodes.add(seed.getHost() + ":" + seed.getPort());
    }
    return new LettuceTarget(client, () -> connect(client), "redis cluster " + String.join(",", nodes), false,
        true);
  }

  private static StatefulConnection<String, String> connect(RedisClusterClient client) {
    StatefulRedisClusterConnection<String, String> connection = client.connect();
    try {
      prepareShards(connection);
      return connection;
    } catch (RuntimeException | Error e) {
      // The next attempt opens a connection of its own.
      connection.closeAsync();
      throw e;
    }
  }

  // The client opens a node's connection on its first command, and with commands rejected while disconnected that
  // first command would fail: the first lock on each primary's keys would run unlocked. Each primary gets its
  // connection, and the scripts (SCRIPT LOAD has no key, so it would reach one node only), now; a primary that
  // cannot be reached is left to the client, which connects to it on demand.
  private static void prepareShards(StatefulRedisClusterConnection<String, String> connection) {
    for (RedisClusterNode node : connection.getPartitions()) {
      if (!node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.is(RedisClusterNode.NodeFlag.FAIL)
          || node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL) || node.getSlots().isEmpty()) {
        continue;
      }
      try {
        // By address: the client routes each key to its primary's connection by address, not by node id.
        StatefulRedisConnection<String, String> shard =
            connection.getConnection(node.getUri().getHost(), node.getUri().getPort());
        for (LockScript script : LockScript.values()) {
          shard.sync().scriptLoad(script.text);
        }
      } catch (RuntimeException e) {
        // Unreachable now: its keys' locks fail over to the fail mode until the client reaches it.
      }
    }
  }
}
