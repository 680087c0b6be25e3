package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.config.AgentConfig;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the Lettuce URI from the configuration, and describes it without credentials. */
public final class RedisUris {

  private RedisUris() {}

  /** @param handshakeTimeout how long the connection handshake may take; commands have their own timeout */
  /**
   * The URI an operator's command connects with: the agent's connect timeout for the handshake and its timeout for
   * each command.
   */
  public static RedisURI forCommands(AgentConfig config) {
    RedisURI uri = from(config, config.connectTimeout());
    uri.setTimeout(config.timeout());
    return uri;
  }

  public static RedisURI from(AgentConfig config, Duration handshakeTimeout) {
    // Set on the parsed URI itself: RedisURI.builder(uri) copies a standalone URI only, and drops the sentinels of
    // a redis-sentinel:// one.
    RedisURI uri = config.redisUrl() != null
        ? RedisURI.create(config.redisUrl())
        : RedisURI.Builder.redis(config.redisHost(), config.redisPort()).build();
    if (config.redisDb() != null) {
      uri.setDatabase(config.redisDb());
    }
    authenticate(uri, config);
    // Unset, the URL's own verifyPeer applies (full when it has none).
    if (uri.isSsl() && config.tls().verify() != null) {
      uri.setVerifyPeer(TlsOptions.verifyMode(config.tls()));
    }
    uri.setTimeout(handshakeTimeout);
    return uri;
  }

  /** The cluster's seed nodes, each with the configured credentials and handshake timeout. */
  static List<RedisURI> clusterSeeds(AgentConfig config, Duration handshakeTimeout) {
    List<RedisURI> seeds = new ArrayList<>();
    for (String node : config.clusterNodes()) {
      int colon = node.lastIndexOf(':');
      String host = node.substring(0, colon);
      RedisURI seed = RedisURI.Builder.redis(host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
          Integer.parseInt(node.substring(colon + 1))).build();
      authenticate(seed, config);
      seed.setTimeout(handshakeTimeout);
      seeds.add(seed);
    }
    return seeds;
  }

  private static void authenticate(RedisURI uri, AgentConfig config) {
    if (config.redisPassword() != null) {
      char[] password = config.redisPassword().toCharArray();
      if (config.redisUsername() != null) {
        uri.setAuthentication(config.redisUsername(), password);
      } else {
        uri.setAuthentication(password);
      }
    }
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
