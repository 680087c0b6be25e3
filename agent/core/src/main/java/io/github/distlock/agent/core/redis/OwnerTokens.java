package io.github.distlock.agent.core.redis;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lock values unique to each acquisition and readable by an operator: {@code host:pid:random.counter.since}, where
 * {@code since} is the acquisition's epoch milliseconds in base 36, so that anyone reading the key can tell how long
 * its owner has held it ({@link io.github.distlock.agent.core.history.Owner} reads it back). The random part is
 * drawn once per JVM, so a call costs a counter increment, not a {@code SecureRandom}.
 */
public final class OwnerTokens {

  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  private OwnerTokens(String prefix) {
    this.prefix = prefix;
  }

  /** Looks up this host and process; may block on name resolution, so never call it on an application thread. */
  public static OwnerTokens forThisJvm() {
    byte[] random = randomBytes(6);
    StringBuilder hex = new StringBuilder();
    for (byte b : random) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return new OwnerTokens(hostName() + ":" + pid() + ":" + hex + ".");
  }

  public String next() {
    return prefix + Long.toString(counter.incrementAndGet(), 36) + '.'
        + Long.toString(System.currentTimeMillis(), 36);
  }

  /**
   * From the kernel's generator where there is one: setting up {@code SecureRandom} takes ~25 ms of the first
   * connection's path, for six bytes.
   */
  private static byte[] randomBytes(int count) {
    byte[] random = new byte[count];
    try (InputStream in = new FileInputStream("/dev/urandom")) {
      int filled = 0;
      while (filled < count) {
        int n = in.read(random, filled, count - filled);
        if (n < 0) {
          break;
        }
        filled += n;
      }
      if (filled == count) {
        return random;
      }
    } catch (IOException e) {
      // Not a Unix: the JDK's generator below.
    }
    new SecureRandom().nextBytes(random);
    return random;
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown-host";
    }
  }

  // ProcessHandle (Java 9+) first: the management beans would load java.util.logging early.
  private static String pid() {
    try {
      Object current = Class.forName("java.lang.ProcessHandle").getMethod("current").invoke(null);
      return String.valueOf(current.getClass().getMethod("pid").invoke(current));
    } catch (ReflectiveOperationException e) {
      // Java 8: the runtime bean's name is "pid@host".
    }
    String name = ManagementFactory.getRuntimeMXBean().getName();
    int at = name.indexOf('@');
    return at > 0 ? name.substring(0, at) : name;
  }
}
