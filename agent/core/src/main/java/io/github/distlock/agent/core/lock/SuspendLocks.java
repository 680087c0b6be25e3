package io.github.distlock.agent.core.lock;

import io.github.distlock.bootstrap.LockBridge;

/**
 * Locks of Kotlin {@code suspend} functions: one acquisition per coroutine, however often it suspends. The compiled
 * function is called again at every resumption, with its own state machine as continuation; those calls run on the
 * lock the first call took, which is released once the function's work completes, or the first call returns
 * without having suspended.
 */
final class SuspendLocks {

  private static final String SUSPENDED_TYPE = "kotlin.coroutines.intrinsics.CoroutineSingletons";
  private static final String SUSPENDED = "COROUTINE_SUSPENDED";

  private final MethodLocks methods;

  SuspendLocks(MethodLocks methods) {
    this.methods = methods;
  }

  /** See {@link io.github.distlock.bootstrap.LockRuntime#enterSuspend}. */
  Object enter(int siteId, Object[] args) {
    int last = args.length - 1;
    Object continuation = args[last];
    CoroutineLock running = CoroutineLock.resumedBy(continuation, siteId);
    if (running != null) {
      // On resumption the compiled function passes no arguments but its continuation: a key built from them would
      // be wrong, so the call is matched by its frame.
      if (running.lease == null) {
        return null;
      }
      methods.rejoin(running.lease);
      return running.lease;
    }
    Object entered = methods.enter(siteId, args);
    if (entered == LockBridge.SKIP) {
      return LockBridge.SKIP;
    }
    Lease lease = (Lease) entered;
    CoroutineLock lock;
    try {
      lock = new CoroutineLock(siteId, lease, continuation);
    } catch (Throwable t) {
      if (lease != null) {
        methods.exit(lease, null);
      }
      throw t;
    }
    args[last] = lock.standIn();
    return lock;
  }

  /** See {@link io.github.distlock.bootstrap.LockRuntime#exitSuspend}. */
  void exit(Object call, Object returned, Throwable thrown) {
    if (call instanceof Lease) {
      methods.exit((Lease) call, thrown);
      return;
    }
    CoroutineLock first = (CoroutineLock) call;
    if (first.lease == null) {
      return;
    }
    if (!isSuspended(returned)) {
      // Returned its result, or threw: the continuation will not be resumed with it.
      first.lease.failed(thrown);
      first.done.complete(null);
    }
    methods.exitWhenSettled(first.lease, first.done);
  }

  /** See {@link io.github.distlock.bootstrap.LockRuntime#skippedSuspendResult}. */
  static Object skippedResult(String resultType, Class<?> declaringClass) {
    if (resultType == null) {
      return null;
    }
    switch (resultType) {
      case "kotlin.Unit":
        try {
          return Class.forName(resultType, true, declaringClass.getClassLoader()).getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("no kotlin.Unit for " + declaringClass.getName(), e);
        }
      case "java.lang.Boolean":
        return Boolean.FALSE;
      case "java.lang.Integer":
        return 0;
      case "java.lang.Long":
        return 0L;
      case "java.lang.Short":
        return (short) 0;
      case "java.lang.Byte":
        return (byte) 0;
      case "java.lang.Double":
        return 0d;
      case "java.lang.Float":
        return 0f;
      case "java.lang.Character":
        return '\0';
      default:
        return null;
    }
  }

  private static boolean isSuspended(Object returned) {
    return returned instanceof Enum
        && ((Enum<?>) returned).name().equals(SUSPENDED)
        && returned.getClass().getName().equals(SUSPENDED_TYPE);
  }
}
