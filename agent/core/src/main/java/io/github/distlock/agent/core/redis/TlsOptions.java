package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.TlsSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;

/** The configured {@code redis.tls.*} settings, as Lettuce takes them: trust, client certificate, verification. */
public final class TlsOptions {

  private TlsOptions() {}

  /** The trust and key material; the JVM's defaults where a file is not given. */
  public static SslOptions of(TlsSettings tls) {
    SslOptions.Builder builder = SslOptions.builder().jdkSslProvider();
    if (tls.caFile() != null) {
      builder.trustManager(new File(tls.caFile()));
    }
    if (tls.certFile() != null && tls.keyFile() != null) {
      builder.keyManager(new File(tls.certFile()), new File(tls.keyFile()), null);
    }
    return builder.build();
  }

  /** A client for {@code uri} that connects as the agent would: with its TLS trust and client certificate. */
  public static RedisClient clientFor(AgentConfig config, RedisURI uri) {
    RedisClient client = RedisClient.create(uri);
    if (uri.isSsl()) {
      client.setOptions(ClientOptions.builder().sslOptions(of(config.tls())).build());
    }
    return client;
  }

  /**
   * What is wrong with the configured files (a PEM that does not parse, a key that is not PKCS#8), or {@code null}:
   * checked before connecting, since a connection attempt would only fail, again and again, without naming them.
   */
  static String problem(TlsSettings tls) {
    try {
      of(tls).createSslContextBuilder().build();
      return null;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return "redis.tls.caFile/certFile/keyFile cannot be used: " + Failures.describe(e);
    }
  }

  static SslVerifyMode verifyMode(TlsSettings tls) {
    switch (tls.verify()) {
      case CA:
        return SslVerifyMode.CA;
      case NONE:
        return SslVerifyMode.NONE;
      default:
        return SslVerifyMode.FULL;
    }
  }
}
