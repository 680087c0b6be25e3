package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;

/**
 * Locked methods whose keys are built from their arguments. Commands from standard input: {@code call <method>
 * <tenant>} runs one; {@code hold <method> <tenant>} runs one whose body prints {@code HOLDING <N>} and waits for
 * {@code go}; the tenant {@code <null>} passes null; {@code exit} ends the JVM. Call N reports {@code RESULT
 * call.N=ran-locked|ran-unlocked|skipped}.
 */
public final class KeyTemplateApp {

  private static boolean holding;
  private static int calls;

  private KeyTemplateApp() {}

  public static void main(String[] args) {
    for (String command = AppSupport.readCommand(); command != null; command = AppSupport.readCommand()) {
      if (command.equals("exit")) {
        return;
      }
      String[] words = command.split(" ");
      holding = words[0].equals("hold");
      String tenant = words[2].equals("<null>") ? null : words[2];
      calls++;
      String outcome = switch (words[1]) {
        case "byName" -> byName(tenant);
        case "byIndex" -> byIndex(tenant, 7);
        case "hashTag" -> hashTag(tenant);
        case "nested" -> nested(tenant);
        case "unknownName" -> unknownName(tenant);
        default -> throw new IllegalArgumentException("unknown method: " + words[1]);
      };
      AppSupport.result("call." + calls, outcome == null ? "skipped" : outcome);
    }
  }

  @DistributedLock(key = "report:{tenant}", ttl = "60s")
  static String byName(String tenant) {
    return body();
  }

  @DistributedLock(key = "report:{0}:{1}", ttl = "60s")
  static String byIndex(String tenant, int day) {
    return body();
  }

  @DistributedLock(key = "{{orders}}:{tenant}", ttl = "60s")
  static String hashTag(String tenant) {
    return body();
  }

  @DistributedLock(key = "report:{0}", ttl = "60s")
  static String byPosition(String tenant) {
    return body();
  }

  /** Calls {@link #byPosition} with the same tenant: another template, the same key, held by this thread already. */
  @DistributedLock(key = "report:{tenant}", ttl = "60s")
  static String nested(String tenant) {
    String inner = byPosition(tenant);
    return inner == null ? "inner-skipped" : inner;
  }

  @DistributedLock(key = "report:{nope}", ttl = "60s")
  static String unknownName(String tenant) {
    return body();
  }

  private static String body() {
    String outcome = AppSupport.holdsLock() ? "ran-locked" : "ran-unlocked";
    if (holding) {
      holding = false;
      System.out.println("HOLDING " + calls);
      String next = AppSupport.readCommand();
      if (!"go".equals(next)) {
        throw new IllegalStateException("expected go while holding, got " + next);
      }
    }
    return outcome;
  }
}
