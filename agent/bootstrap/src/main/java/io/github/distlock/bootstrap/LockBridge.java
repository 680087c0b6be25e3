package io.github.distlock.bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The only class that instrumented methods call. It lives on the bootstrap class path, visible from every class
 * loader, and forwards to the core's {@link LockRuntime}.
 *
 * <p>Nothing thrown here may reach the application: a scheduler cancels a periodic task forever after one
 * exception, so an agent error would silently stop the job. Failures apply the configured {@link FailMode}.
 */
public final class LockBridge {

  /** Returned by {@link #enter} when the body must be skipped. */
  public static final Object SKIP = new Object();

  /** A subscription or coroutine that runs without a lock, as the fail mode says: nothing to release. */
  private static final Object UNLOCKED = new Object();

  private static volatile LockRuntime runtime;
  // Only the facade can be called before the core installs: no class is instrumented until then.
  private static volatile FailMode failMode = FailMode.OPEN;
  private static volatile boolean errorReported;

  private LockBridge() {}

  /** Called once by the agent core at start-up. */
  public static void install(LockRuntime lockRuntime, FailMode mode) {
    failMode = mode;
    runtime = lockRuntime;
  }

  /** Advice entry: {@link #SKIP}, {@code null} (run, nothing to release) or a lease for {@link #exit}. */
  public static Object enter(int siteId) {
    LockRuntime current = runtime;
    if (current == null) {
      return onFailure(null);
    }
    try {
      return current.enter(siteId);
    } catch (Throwable t) {
      return onFailure(t, current, siteId);
    }
  }

  /** Advice entry of a method whose lock key is built from its arguments ({@code "report:{tenant}"}). */
  public static Object enter(int siteId, Object[] args) {
    LockRuntime current = runtime;
    if (current == null) {
      return onFailure(null);
    }
    try {
      return current.enter(siteId, args);
    } catch (Throwable t) {
      return onFailure(t, current, siteId);
    }
  }

  /**
   * Called by the exception handler woven into a lock site's advice, with what the advice threw: Byte Buddy has
   * suppressed it, and the call goes on as the advice's fail mode says. Never throws.
   */
  public static void adviceFailed(Throwable error, int siteId) {
    LockRuntime current = runtime;
    try {
      if (current != null) {
        current.adviceFailed(siteId, error);
      } else {
        report(error);
      }
    } catch (Throwable t) {
      report(t);
    }
  }

  /** Advice exit; accepts whatever {@link #enter} returned, and what the method threw, or {@code null}. */
  public static void exit(Object lease, Throwable thrown) {
    if (lease == null || lease == SKIP) {
      return;
    }
    try {
      runtime.exit(lease, thrown);
    } catch (Throwable t) {
      report(t);
    }
  }

  /**
   * Advice exit of a method declared to return a {@link CompletionStage}: the lock is released when
   * {@code result} settles; when the method threw {@code thrown} or returned {@code null}, at once.
   */
  public static void exitAsync(Object lease, Object result, Throwable thrown) {
    if (lease == null || lease == SKIP) {
      return;
    }
    try {
      if (thrown == null && result instanceof CompletionStage) {
        runtime.exitWhenSettled(lease, (CompletionStage<?>) result);
      } else {
        runtime.exit(lease, thrown);
      }
    } catch (Throwable t) {
      report(t);
    }
  }

  /**
   * A subscription to a reactive result starts: {@link #SKIP}, or what {@link #exitSubscription} receives when it
   * ends. Never {@code null}: reactive libraries refuse a null resource.
   */
  static Object enterSubscription(int siteId, Object[] args) {
    LockRuntime current = runtime;
    Object lock;
    try {
      lock = current == null ? onFailure(null) : current.enterSubscription(siteId, args);
    } catch (Throwable t) {
      lock = onFailure(t, current, siteId);
    }
    return lock == null ? UNLOCKED : lock;
  }

  /** A subscription ends: completed, failed or cancelled. */
  static void exitSubscription(Object lock) {
    if (lock instanceof CompletableFuture) {
      ((CompletableFuture<?>) lock).complete(null);
    }
  }

  /**
   * Advice entry of a Kotlin {@code suspend} function: its last argument is the coroutine's continuation, which is
   * replaced in {@code args} when the lock is to last until the coroutine completes. Returns {@link #SKIP}, or what
   * {@link #exitSuspend} receives.
   */
  public static Object enterSuspend(int siteId, Object[] args) {
    LockRuntime current = runtime;
    if (current == null) {
      return onFailure(null);
    }
    try {
      return current.enterSuspend(siteId, args);
    } catch (Throwable t) {
      return onFailure(t, current, siteId);
    }
  }

  /** Advice exit of a Kotlin {@code suspend} function, which returned {@code returned} or threw {@code thrown}. */
  public static void exitSuspend(Object call, Object returned, Throwable thrown) {
    if (call == null || call == SKIP) {
      return;
    }
    try {
      runtime.exitSuspend(call, thrown == null ? returned : null, thrown);
    } catch (Throwable t) {
      report(t);
    }
  }

  /**
   * What a skipped Kotlin {@code suspend} function returns: the default of its declared result type, named by the
   * Kotlin compiler's signature ({@code kotlin.Unit}, {@code java.lang.Integer}, ...), as the class that declares
   * the function sees it.
   */
  public static Object skippedSuspendResult(String resultType, Class<?> declaringClass) {
    LockRuntime current = runtime;
    try {
      return current == null ? null : current.skippedSuspendResult(resultType, declaringClass);
    } catch (Throwable t) {
      report(t);
      return null;
    }
  }

  public static boolean acquire(String key, long ttlMs) {
    LockRuntime current = runtime;
    try {
      return current == null ? failMode == FailMode.OPEN : current.acquire(key, ttlMs);
    } catch (Throwable t) {
      report(t);
      return failMode == FailMode.OPEN;
    }
  }

  public static boolean release(String key) {
    LockRuntime current = runtime;
    try {
      return current != null && current.release(key);
    } catch (Throwable t) {
      report(t);
      return false;
    }
  }

  public static boolean isConnected() {
    LockRuntime current = runtime;
    try {
      return current != null && current.isConnected();
    } catch (Throwable t) {
      report(t);
      return false;
    }
  }

  public static boolean holdsLock() {
    LockRuntime current = runtime;
    try {
      return current != null && current.holdsLock();
    } catch (Throwable t) {
      report(t);
      return false;
    }
  }

  /** The current thread's fencing token, or one of the {@code LockRuntime.FENCE_*} answers. */
  public static long fencingToken() {
    LockRuntime current = runtime;
    try {
      return current == null ? LockRuntime.FENCE_NOT_HELD : current.fencingToken();
    } catch (Throwable t) {
      report(t);
      return LockRuntime.FENCE_UNAVAILABLE;
    }
  }

  private static Object onFailure(Throwable t) {
    if (t != null) {
      report(t);
    }
    return failMode == FailMode.OPEN ? null : SKIP;
  }

  /** A call the runtime failed to handle follows its site's fail mode: {@code lastHolder} skips, as closed does. */
  private static Object onFailure(Throwable t, LockRuntime current, int siteId) {
    report(t);
    FailMode mode;
    try {
      mode = current.failMode(siteId);
    } catch (Throwable again) {
      // Already reported: the configured mode is all there is to go by.
      mode = failMode;
    }
    return mode == FailMode.OPEN ? null : SKIP;
  }

  // The core's logger is out of reach here; an internal error is a bug, so print it once with its stack trace.
  private static void report(Throwable t) {
    if (!errorReported) {
      errorReported = true;
      System.err.println("[distlock] ERROR internal error, locks follow their failMode (configured: "
          + failMode.settingName() + "; reported once): " + t);
      t.printStackTrace();
    }
  }
}
