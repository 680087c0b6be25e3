package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;

/**
 * Locked calls on command, to watch what they send to Redis. Prints {@code READY} once connected, then runs one
 * command per input line, numbering them from 1, and ends each with {@code DONE <n>}:
 *
 * <ul>
 *   <li>{@code busy <count>}: calls {@link #busy()} (key {@code busy}) that often; {@code RESULT busyRuns.<n>} is
 *       how many bodies ran.
 *   <li>{@code plain}: calls {@link #plain()} (key {@code plain}), whose body never asks for a fencing token;
 *       {@code RESULT plainLocked.<n>} says whether it held the lock.
 *   <li>{@code fence}: calls {@link #fenced()} (key {@code fenced}, ttl {@value #FENCED_TTL}), whose body prints
 *       {@code HOLDING <n>}, waits for the next input line and only then asks for the fencing token, so the test
 *       can take the lock away first. {@code RESULT fenceLocked.<n>} and {@code RESULT fence.<n>}: the token, or
 *       {@code IllegalStateException: <message>}.
 *   <li>{@code exit}.
 * </ul>
 */
public final class ProtocolApp {

  /** The ttl of {@link #fenced()}. */
  public static final String FENCED_TTL = "2s";

  private static int command;
  private static int busyRuns;

  private ProtocolApp() {}

  public static void main(String[] args) {
    System.out.println("READY");
    String line;
    while ((line = AppSupport.readCommand()) != null && !line.equals("exit")) {
      command++;
      String[] words = line.split(" ");
      switch (words[0]) {
        case "busy" -> {
          busyRuns = 0;
          for (int i = Integer.parseInt(words[1]); i > 0; i--) {
            busy();
          }
          AppSupport.result("busyRuns." + command, busyRuns);
        }
        case "plain" -> AppSupport.result("plainLocked." + command, plain());
        case "fence" -> fenced();
        default -> throw new IllegalArgumentException("unknown command: " + line);
      }
      System.out.println("DONE " + command);
    }
  }

  @DistributedLock(key = "busy", ttl = "30s")
  static void busy() {
    busyRuns++;
  }

  /** Whether the body held its lock; {@code false} when it was skipped. */
  @DistributedLock(key = "plain", ttl = "30s")
  static boolean plain() {
    return AppSupport.holdsLock();
  }

  @DistributedLock(key = "fenced", ttl = FENCED_TTL)
  static void fenced() {
    AppSupport.result("fenceLocked." + command, AppSupport.holdsLock());
    System.out.println("HOLDING " + command);
    AppSupport.readCommand();
    try {
      AppSupport.result("fence." + command, DistributedLocks.fencingToken());
    } catch (IllegalStateException e) {
      AppSupport.result("fence." + command, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
