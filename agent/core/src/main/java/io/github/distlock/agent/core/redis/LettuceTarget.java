package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.config.AgentConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.resource.ClientResources;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Lettuce client for the configured Redis, and the one connection the lock protocol runs on: one server,
 * reached directly or through Sentinel, or a Redis Cluster ({@link ClusterTarget}).
 */
final class LettuceTarget {

  private final AbstractRedisClient client;
  private final Supplier<StatefulConnection<String, String>> connect;
  private final String description;
  private final boolean viaSentinel;
  private final boolean cluster;

  LettuceTarget(AbstractRedisClient client, Supplier<StatefulConnection<String, String>> connect,
      String description, boolean viaSentinel, boolean cluster) {
    this.client = client;
    this.connect = connect;
    this.description = description;
    this.viaSentinel = viaSentinel;
    this.cluster = cluster;
  }

  /** A client for {@code uri}, one server or Sentinel; its connections carry no command API. */
  static LettuceTarget server(AgentConfig config, ClientResources resources, RedisURI uri) {
    RedisClient client = new CommandsOnlyClient(resources, uri);
    ClientOptions.Builder options = common(ClientOptions.builder(), config);
    // Without TLS, no TLS classes: the first connection of every plain JVM would pay for loading them.
    client.setOptions((uri.isSsl() ? options.sslOptions(TlsOptions.of(config.tls())) : options).build());
    return new LettuceTarget(client, client::connect, RedisUris.describe(uri), !uri.getSentinels().isEmpty(),
        false);
  }

  /** The options every client of the agent shares: reconnect, never queue, the configured timeouts. */
  static <B extends ClientOptions.Builder> B common(B options, AgentConfig config) {
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

  /** Whether it is a Redis Cluster, whose connection spans one connection per node. */
  boolean isCluster() {
    return cluster;
  }

  void shutdown(long timeoutMillis) {
    client.shutdown(0, timeoutMillis, TimeUnit.MILLISECONDS);
  }
}
