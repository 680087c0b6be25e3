package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.config.AgentConfig;
import io.lettuce.core.RedisURI;
import java.time.Duration;

/** Builds the Lettuce URI from the configuration, and describes it without credentials. */
public final class RedisUris {

  private RedisUris() {}

  /** @param handshakeTimeout how long the connection handshake may take; commands have their own timeout */
  public static RedisURI from(AgentConfig config, Duration handshakeTimeout) {
    // Set on the parsed URI itself: RedisURI.builder(uri) copies a standalone URI only, and drops the sentinels of
    // a redis-sentinel:// one.
    RedisURI uri = config.redisUrl() != null
        ? RedisURI.create(config.redisUrl())
        : RedisURI.Builder.redis(config.redisHost(), config.redisPort()).build();
    if (config.redisDb() != null) {
      uri.setDatabase(config.redisDb());
    }
    if (config.redisPassword() != null) {
      char[] password = config.redisPassword().toCharArray();
      if (config.redisUsername() != null) {
        uri.setAuthentication(config.redisUsername(), password);
      } else {
        uri.setAuthentication(password);
      }
    }
    // Unset, the URL's own verifyPeer applies (full when it has none).
    if (uri.isSsl() && config.tls().verify() != null) {
      uri.setVerifyPeer(TlsOptions.verifyMode(config.tls()));
    }
    uri.setTimeout(handshakeTimeout);
    return uri;
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
