package io.github.distlock.agent.core.instrument.result;

import io.github.distlock.bootstrap.LockBridge;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Declared as {@code CompletionStage} or {@code CompletableFuture}: the lock is released when the result settles; a
 * skipped call returns a future already completed with {@code null}.
 */
final class StageResult implements ResultKind {

  @Override
  public boolean supports(ReturnType type) {
    return type.name().equals(CompletionStage.class.getName())
        || type.name().equals(CompletableFuture.class.getName());
  }

  @Override
  public String lockHeld() {
    return "until the result settles";
  }

  @Override
  public Advice locking(AdviceClasses advice, WovenSite site) {
    return advice.locking(site, LockAdvice.enter(site), site.failsOpen() ? FailOpenExit.class : FailClosedExit.class);
  }

  @Override
  public Advice skipping(AdviceClasses advice) {
    return advice.to(SkipAdvice.Enter.class, SkippedExit.class);
  }

  /** Exit after an entry for {@code failMode=open}, whose value says whether the call was skipped. */
  static final class FailOpenExit {

    private FailOpenExit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter boolean skipped,
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      if (skipped) {
        returned = CompletableFuture.completedFuture(null);
      }
      LockBridge.exitAsync(lease, returned, thrown);
    }
  }

  /** Exit after an entry for {@code failMode=closed}, whose value says whether the call proceeded. */
  static final class FailClosedExit {

    private FailClosedExit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter boolean proceeded,
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      // Set before the bridge is called: if that call fails, the caller still gets a future, not null.
      if (!proceeded) {
        returned = CompletableFuture.completedFuture(null);
      }
      LockBridge.exitAsync(lease, returned, thrown);
    }
  }

  /** Exit after {@link SkipAdvice.Enter}. */
  static final class SkippedExit {

    private SkippedExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = CompletableFuture.completedFuture(null);
    }
  }
}
