package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * One locked job, called on command from standard input, for the fail-mode tests. Commands: {@code connect} waits
 * for the agent's Redis connection; {@code call} runs the job once; {@code hold} runs it with a body that prints
 * {@code HOLDING} and waits for a {@code go} line; {@code exit} ends the JVM.
 *
 * <p>Each call N reports {@code RESULT call.N.ms=<elapsed>} and then {@code RESULT
 * call.N=ran-locked|ran-unlocked|skipped}.
 */
public final class FailModeApp {

  /** The Redis key of the job's lock; the tests configure no key prefix. */
  public static final String KEY = "failmode:job";

  private FailModeApp() {}

  public static void main(String[] args) {
    // First thing in main: everything before it, premain included, is start-up time the application pays.
    AppSupport.result("mainStarted", ManagementFactory.getRuntimeMXBean().getUptime());
    AppSupport.result("agentActive", DistributedLocks.isAgentActive());
    AppSupport.result("connectedAtStart", DistributedLocks.isConnected());
    int calls = 0;
    for (String command = AppSupport.readCommand(); command != null; command = AppSupport.readCommand()) {
      switch (command) {
        case "connect" -> {
          AppSupport.awaitConnected();
          AppSupport.result("connected", true);
        }
        case "call", "hold" -> {
          calls++;
          long start = System.nanoTime();
          String outcome = job(command.equals("hold"));
          long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          // The duration first: a test that has seen the outcome line can then rely on it being there.
          AppSupport.result("call." + calls + ".ms", elapsedMillis);
          AppSupport.result("call." + calls, outcome == null ? "skipped" : outcome);
        }
        case "exit" -> {
          return;
        }
        default -> throw new IllegalArgumentException("unknown command: " + command);
      }
    }
  }

  /** Returns how the body ran; a skipped body returns the default, {@code null}. */
  @DistributedLock(key = KEY, ttl = "60s")
  static String job(boolean hold) {
    String outcome = AppSupport.holdsLock() ? "ran-locked" : "ran-unlocked";
    if (hold) {
      System.out.println("HOLDING");
      String next = AppSupport.readCommand();
      if (!"go".equals(next)) {
        throw new IllegalStateException("expected go while holding, got " + next);
      }
    }
    return outcome;
  }
}
