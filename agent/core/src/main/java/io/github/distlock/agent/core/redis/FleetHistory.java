package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.config.AgentConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The fleet's locks and run history as an operator's process reads them ({@code jobs}, the dashboard): one
 * connection, made as the agent would make it (TLS, ACL user, Sentinel or Cluster), kept open across reads.
 */
public final class FleetHistory implements AutoCloseable {

  private final AgentConfig config;
  private final String where;
  private RedisClient client;
  private RedisClusterClient clusterClient;
  private StatefulRedisConnection<String, String> connection;
  private StatefulRedisClusterConnection<String, String> clusterConnection;

  public FleetHistory(AgentConfig config) {
    this.config = config;
    this.where = config.clusterNodes().isEmpty() ? RedisUris.describe(RedisUris.forCommands(config))
        : "redis cluster " + String.join(",", config.clusterNodes());
  }

  /** Where it reads from, secret-free. */
  public String where() {
    return where;
  }

  /**
   * Every lock key under the prefix, held now or with recorded runs, that {@code wanted} accepts.
   *
   * @throws io.lettuce.core.RedisException when Redis cannot be reached or refuses a read
   */
  public synchronized List<HistoryReader.KeySnapshot> read(Predicate<String> wanted) {
    if (!config.clusterNodes().isEmpty()) {
      if (clusterConnection == null) {
        List<RedisURI> seeds = RedisUris.clusterSeeds(config, config.connectTimeout());
        clusterClient = RedisClusterClient.create(seeds);
        ClusterClientOptions.Builder options = ClusterClientOptions.builder();
        if (seeds.get(0).isSsl()) {
          options.sslOptions(TlsOptions.of(config.tls()));
        }
        clusterClient.setOptions(options.build());
        clusterConnection = clusterClient.connect();
      }
      return HistoryReader.read(clusterConnection.sync(), config.keyPrefix(), wanted);
    }
    if (connection == null) {
      client = TlsOptions.clientFor(config, RedisUris.forCommands(config));
      connection = client.connect();
    }
    return HistoryReader.read(connection.sync(), config.keyPrefix(), wanted);
  }

  /**
   * Deletes {@code lockKey} if it still holds {@code token}, whoever wrote it: the operator's escape hatch for a
   * stuck run. Owner-checked, so that a lock taken since the operator looked is left alone. Call it after a
   * {@link #read}, which connects.
   */
  public synchronized boolean forceRelease(String lockKey, String token) {
    RedisScriptingCommands<String, String> scripts = clusterConnection != null ? clusterConnection.sync()
        : connection.sync();
    Long deleted = scripts.eval(LockScript.RELEASE.text, ScriptOutputType.INTEGER, new String[] {lockKey}, token);
    return deleted != null && deleted == 1L;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
    if (clusterClient != null) {
      clusterClient.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
