package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.LockBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code @DistributedLock} method: ask the bridge for the lock, skip the body when it is not
 * granted, release after return or exception. Only bridge types appear here, because the code runs inside the
 * application's classes. Errors are suppressed: if the advice itself failed, the body runs without a lock.
 */
final class LockAdvice {

  private LockAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static boolean enter(@LockSiteId int siteId, @Advice.Local("distlockLease") Object lease) {
    lease = LockBridge.enter(siteId);
    return lease == LockBridge.SKIP;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Local("distlockLease") Object lease) {
    LockBridge.exit(lease);
  }
}
