package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;

/**
 * Locked calls from a thread whose interrupt flag is already set, as a scheduler leaves it after cancelling a task.
 * After {@code READY} and a {@code go} line, the main thread interrupts itself and calls {@link #free()}, then
 * {@link #busy()}, whose key the test holds. Reports {@code RESULT <method>.ran}, {@code .locked} (inside the body),
 * {@code .interruptedInBody} and {@code .interruptedAfter}.
 */
public final class InterruptedCallerApp {

  private InterruptedCallerApp() {}

  public static void main(String[] args) {
    System.out.println("READY");
    AppSupport.readCommand();
    Thread.currentThread().interrupt();
    AppSupport.result("free.ran", free());
    AppSupport.result("free.interruptedAfter", Thread.currentThread().isInterrupted());
    AppSupport.result("busy.ran", busy());
    AppSupport.result("busy.interruptedAfter", Thread.currentThread().isInterrupted());
  }

  /** Returns {@code true} when the body ran; a skipped call returns {@code false}. */
  @DistributedLock(key = "free", ttl = "30s")
  static boolean free() {
    report("free");
    return true;
  }

  @DistributedLock(key = "busy", ttl = "30s")
  static boolean busy() {
    report("busy");
    return true;
  }

  private static void report(String method) {
    AppSupport.result(method + ".locked", AppSupport.holdsLock());
    AppSupport.result(method + ".interruptedInBody", Thread.currentThread().isInterrupted());
  }
}
