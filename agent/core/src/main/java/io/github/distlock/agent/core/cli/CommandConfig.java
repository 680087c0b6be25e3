package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.ConfigLoader;
import io.github.distlock.agent.core.config.LoadedConfig;
import io.github.distlock.agent.core.redis.RedisUris;
import io.github.distlock.agent.core.redis.TlsOptions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.PrintStream;

/** The agent's configuration as the commands that talk to Redis read it, and where it points them. */
final class CommandConfig {

  private CommandConfig() {}

  /**
   * The configuration an agent given {@code settings} would run with here, or {@code null}, having said why, when
   * such an agent would not connect to Redis.
   */
  static LoadedConfig usable(String command, String settings, PrintStream err) {
    LoadedConfig loaded = reachable(command, settings, err);
    if (loaded != null && !loaded.config().clusterNodes().isEmpty()) {
      err.println("distlock " + command + ": redis.cluster.nodes is not supported by this command yet");
      return null;
    }
    return loaded;
  }

  /** As {@link #usable}, for a command that also reads a Redis Cluster. */
  static LoadedConfig reachable(String command, String settings, PrintStream err) {
    LoadedConfig loaded = ConfigLoader.forThisJvm(settings).load();
    if (loaded.connectionProblem() == null) {
      return loaded;
    }
    loaded.errors().forEach(error -> err.println("error: " + error));
    err.println("distlock " + command + ": the configuration is not usable: " + loaded.connectionProblem());
    return null;
  }

  /** The Redis URI, with the agent's connect timeout for the handshake and its timeout for each command. */
  static RedisURI uri(AgentConfig config) {
    RedisURI uri = RedisUris.from(config, config.connectTimeout());
    uri.setTimeout(config.timeout());
    return uri;
  }

  /** A client for {@code uri} that connects as the agent would: with its TLS trust and client certificate. */
  static RedisClient client(AgentConfig config, RedisURI uri) {
    RedisClient client = RedisClient.create(uri);
    if (uri.isSsl()) {
      client.setOptions(ClientOptions.builder().sslOptions(TlsOptions.of(config.tls())).build());
    }
    return client;
  }
}
