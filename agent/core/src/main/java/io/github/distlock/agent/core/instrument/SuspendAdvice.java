package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.LockBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into locked Kotlin {@code suspend} functions. The compiled function takes the coroutine's continuation as
 * its last argument and is called again at every resumption; the bridge recognises resumptions, and on a first
 * call replaces the continuation with one that keeps the lock until the function's work completes. A skipped call
 * returns the default of the declared result type ({@code Unit}, {@code 0}, {@code false}, else {@code null}).
 *
 * <p>As in {@link LockAdvice}, an error of the advice itself makes the enter advice return {@code false}, which the
 * two enter variants read as their fail mode says.
 */
final class SuspendAdvice {

  private SuspendAdvice() {}

  /** Entry for {@code failMode=open}: returns whether to skip the body. */
  static final class FailOpenEnter {

    private FailOpenEnter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(
        @LockSiteId int siteId,
        @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args,
        @Advice.Local("distlockLease") Object lease) {
      Object[] call = args;
      lease = LockBridge.enterSuspend(siteId, call);
      args = call;
      return lease == LockBridge.SKIP;
    }
  }

  /** Entry for {@code failMode=closed}: returns whether to run the body. */
  static final class FailClosedEnter {

    private FailClosedEnter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class, suppress = Throwable.class)
    static boolean enter(
        @LockSiteId int siteId,
        @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args,
        @Advice.Local("distlockLease") Object lease) {
      Object[] call = args;
      lease = LockBridge.enterSuspend(siteId, call);
      args = call;
      return lease != LockBridge.SKIP;
    }
  }

  /** Exit after either entry. */
  static final class Exit {

    private Exit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @SuspendResultType String resultType,
        @Advice.Origin Class<?> declaringClass,
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      if (lease == LockBridge.SKIP) {
        returned = LockBridge.skippedSuspendResult(resultType, declaringClass);
      } else {
        LockBridge.exitSuspend(lease, thrown == null ? returned : null);
      }
    }
  }
}
