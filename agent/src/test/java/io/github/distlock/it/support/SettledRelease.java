package io.github.distlock.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/**
 * The lock of an asynchronous result observed around the moment its work settles: held (with its owner's token)
 * while the work is pending, then gone. It prints one {@code ASYNC} line per observation, the figures the README and
 * closing notes quote.
 */
public final class SettledRelease {

  private final String kind;
  private final RespClient client;
  private final String key;
  private final String token;
  private final long pttl;
  private long settledAt;

  private SettledRelease(String kind, RespClient client, String key) {
    this.kind = kind;
    this.client = client;
    this.key = key;
    this.token = client.get(key);
    this.pttl = client.pttl(key);
    assertTrue(token != null, kind + ": the work is pending, so its lock " + key + " must be held");
  }

  /** Checks that {@code key} is held now, while the work of {@code kind} is pending. */
  public static SettledRelease whilePending(String kind, RespClient client, String key) {
    return new SettledRelease(kind, client, key);
  }

  /** Call right before settling the work. */
  public void settling() {
    assertTrue(token.equals(client.get(key)), kind + ": still held by the same owner when its work settles");
    settledAt = System.nanoTime();
  }

  /** Waits for the key to be released after the work settled, and prints how long that took. */
  public void awaitReleased(String end, Duration timeout) {
    Await.until(kind + ": the lock to be released once its work settled (" + end + ")", timeout,
        () -> !client.exists(key));
    long releasedWithinMs = (System.nanoTime() - settledAt) / 1_000_000;
    System.out.println("ASYNC kind=" + kind + " end=" + end + " held-while-pending=yes pttl-while-pending-ms=" + pttl
        + " released-within-ms=" + releasedWithinMs);
  }

  /**
   * How the release recorded the run, in the key's history (no key prefix): its outcome, then, after a space, the
   * class of what it failed with. Call it once released.
   */
  public String recordedRun() {
    List<?> entries = (List<?>) client.command("LRANGE", "{" + key + "}:runs", "0", "0");
    assertEquals(1, entries.size(), kind + ": the released run is recorded");
    String entry = (String) entries.get(0);
    assertTrue(entry.startsWith(token + "|"), kind + ": recorded with the owner's token: " + entry);
    String[] fields = entry.substring(token.length() + 1).split("\\|", -1);
    return fields[3] + (fields[4].isEmpty() ? "" : " " + fields[4]);
  }
}
