package io.github.distlock.agent.core.config;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code redis.tls.*} settings of a {@code rediss://} connection: the CA to trust (PEM), the client certificate
 * and its PKCS#8 key (PEM) for servers that require one, and how much of the server's certificate to check. Files
 * are checked for readability at start-up; their contents, a private key among them, are never printed.
 */
public final class TlsSettings {

  static final TlsSettings NONE = new TlsSettings(null, null, null, null);

  private static final Pattern URL_VERIFY_OFF = Pattern.compile("(?i)[?&]verifyPeer=(none|false)(&|$)");

  private final String caFile;
  private final String certFile;
  private final String keyFile;
  /** {@code null} when not set: the URL's {@code verifyPeer}, else full verification. */
  private final TlsVerify verify;

  private TlsSettings(String caFile, String certFile, String keyFile, TlsVerify verify) {
    this.caFile = caFile;
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.verify = verify;
  }

  /** A PEM bundle of the CAs to trust; {@code null} for the JVM's default trust store. */
  public String caFile() {
    return caFile;
  }

  /** The client certificate chain (PEM); {@code null} for none. Given together with {@link #keyFile()}. */
  public String certFile() {
    return certFile;
  }

  /** The client certificate's private key (PKCS#8 PEM); {@code null} for none. */
  public String keyFile() {
    return keyFile;
  }

  /** What {@code redis.tls.verify} asks for; {@code null} when it is not set. */
  public TlsVerify verify() {
    return verify;
  }

  /**
   * Reads the settings from {@code raw}. Each is a {@link Setting.Scope#FLEET} setting: a file that cannot be read,
   * half a client certificate, or TLS settings for a connection that is not TLS keep the agent off Redis, rather
   * than letting it connect with less protection than asked for.
   */
  static TlsSettings parse(Map<Setting, RawValue> raw, String redisUrl, boolean cluster, Findings findings) {
    String caFile = readableFile(Setting.REDIS_TLS_CA_FILE, raw, findings);
    String certFile = readableFile(Setting.REDIS_TLS_CERT_FILE, raw, findings);
    String keyFile = readableFile(Setting.REDIS_TLS_KEY_FILE, raw, findings);
    TlsVerify verify = null;
    RawValue verifyValue = raw.get(Setting.REDIS_TLS_VERIFY);
    if (verifyValue != null) {
      try {
        verify = TlsVerify.valueOf(verifyValue.text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        findings.invalidValue(Setting.REDIS_TLS_VERIFY, verifyValue, "full, ca or none");
      }
    }
    RawValue cert = raw.get(Setting.REDIS_TLS_CERT_FILE);
    RawValue key = raw.get(Setting.REDIS_TLS_KEY_FILE);
    if ((cert == null) != (key == null)) {
      Setting given = cert != null ? Setting.REDIS_TLS_CERT_FILE : Setting.REDIS_TLS_KEY_FILE;
      RawValue value = cert != null ? cert : key;
      findings.invalid(given, value.origin, value.origin + ": " + given.key() + " is set without "
          + (cert != null ? Setting.REDIS_TLS_KEY_FILE : Setting.REDIS_TLS_CERT_FILE).key()
          + ": a client certificate needs both its chain and its key");
    }
    for (Setting setting : new Setting[] {Setting.REDIS_TLS_CA_FILE, Setting.REDIS_TLS_CERT_FILE,
        Setting.REDIS_TLS_KEY_FILE, Setting.REDIS_TLS_VERIFY}) {
      RawValue value = raw.get(setting);
      if (value != null && cluster) {
        findings.invalid(setting, value.origin, value.origin + ": " + setting.key() + " is not supported with"
            + " redis.cluster.nodes yet");
      } else if (value != null && (redisUrl == null || !redisUrl.toLowerCase(Locale.ROOT).startsWith("rediss://"))) {
        findings.invalid(setting, value.origin, value.origin + ": " + setting.key() + " applies to TLS connections"
            + " only, and this one is not: set redis.url=rediss://host:port");
      }
    }
    if (verify == TlsVerify.NONE) {
      findings.warning(verifyValue.origin + ": redis.tls.verify = none: the server's certificate is not checked,"
          + " so anyone on the network path can pose as Redis and hand out locks");
    } else if (verify == null && redisUrl != null && URL_VERIFY_OFF.matcher(redisUrl).find()) {
      findings.warning(raw.get(Setting.REDIS_URL).origin + ": redis.url asks for verifyPeer=none: the server's"
          + " certificate is not checked, so anyone on the network path can pose as Redis and hand out locks");
    }
    return new TlsSettings(caFile, certFile, keyFile, verify);
  }

  private static String readableFile(Setting setting, Map<Setting, RawValue> raw, Findings findings) {
    RawValue value = raw.get(setting);
    if (value == null) {
      return null;
    }
    String path = value.text.trim();
    if (path.isEmpty() || !Files.isReadable(Paths.get(path)) || Files.isDirectory(Paths.get(path))) {
      findings.invalidValue(setting, value, "a readable PEM file");
      return null;
    }
    return path;
  }
}
