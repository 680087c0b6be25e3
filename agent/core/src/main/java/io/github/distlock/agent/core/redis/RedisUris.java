package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.config.AgentConfig;
import io.lettuce.core.RedisURI;
import java.time.Duration;

/** Builds the Lettuce URI from the configuration, and describes it without credentials. */
public final class RedisUris {

  private RedisUris() {}

  /** @param handshakeTimeout how long the connection handshake may take; commands have their own timeout */
  public static RedisURI from(AgentConfig config, Duration handshakeTimeout) {
    RedisURI.Builder builder = config.redisUrl() != null
        ? RedisURI.builder(RedisURI.create(config.redisUrl()))
        : RedisURI.builder().withHost(config.redisHost()).withPort(config.redisPort());
    if (config.redisDb() != null) {
      builder.withDatabase(config.redisDb());
    }
    if (config.redisPassword() != null) {
      char[] password = config.redisPassword().toCharArray();
      if (config.redisUsername() != null) {
        builder.withAuthentication(config.redisUsername(), password);
      } else {
        builder.withPassword(password);
      }
    }
    return builder.withTimeout(handshakeTimeout).build();
  }

  public static String describe(RedisURI uri) {
    String scheme = uri.getSentinels().isEmpty() ? (uri.isSsl() ? "rediss" : "redis") : "redis-sentinel";
    String where = uri.getSentinels().isEmpty()
        ? uri.getHost() + ":" + uri.getPort()
        : uri.getSentinels().get(0).getHost() + ":" + uri.getSentinels().get(0).getPort() + "#"
            + uri.getSentinelMasterId();
    return scheme + "://" + where + "/" + uri.getDatabase();
  }
}
