package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.LockBridge;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined into every lock site: ask the bridge for the lock, skip the body when it is not granted,
 * release after return or exception. Only bridge and JDK types appear here, because the code runs inside the
 * application's classes.
 *
 * <p>Byte Buddy suppresses any error of the advice itself (the bridge unreachable from the application's class
 * loader, say) and then treats the enter advice as having returned {@code false}. The two enter variants give that
 * {@code false} the meaning of their fail mode: "do not skip" when the fail mode is open, "do not proceed" when it
 * is closed. The exits that write {@code Optional.empty()} into a skipped call read the enter value the same way.
 */
final class LockAdvice {

  private LockAdvice() {}

  /** Entry for {@code failMode=open}: returns whether to skip the body. */
  static final class FailOpenEnter {

    private FailOpenEnter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@LockSiteId int siteId, @Advice.Local("distlockLease") Object lease) {
      lease = LockBridge.enter(siteId);
      return lease == LockBridge.SKIP;
    }
  }

  /** Entry for {@code failMode=closed}: returns whether to run the body. */
  static final class FailClosedEnter {

    private FailClosedEnter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@LockSiteId int siteId, @Advice.Local("distlockLease") Object lease) {
      lease = LockBridge.enter(siteId);
      return lease != LockBridge.SKIP;
    }
  }

  /** As {@link FailOpenEnter}, for a lock key built from the call's arguments. */
  static final class FailOpenTemplateEnter {

    private FailOpenTemplateEnter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(
        @LockSiteId int siteId,
        @Advice.AllArguments Object[] args,
        @Advice.Local("distlockLease") Object lease) {
      lease = LockBridge.enter(siteId, args);
      return lease == LockBridge.SKIP;
    }
  }

  /** As {@link FailClosedEnter}, for a lock key built from the call's arguments. */
  static final class FailClosedTemplateEnter {

    private FailClosedTemplateEnter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class, suppress = Throwable.class)
    static boolean enter(
        @LockSiteId int siteId,
        @Advice.AllArguments Object[] args,
        @Advice.Local("distlockLease") Object lease) {
      lease = LockBridge.enter(siteId, args);
      return lease != LockBridge.SKIP;
    }
  }

  /** Exit for every return type but {@link Optional}; a skipped call returns the type's default value. */
  static final class Exit {

    private Exit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Local("distlockLease") Object lease) {
      LockBridge.exit(lease);
    }
  }

  /** Exit after {@link FailOpenEnter} for methods returning {@link Optional}: a skipped call returns empty. */
  static final class FailOpenOptionalExit {

    private FailOpenOptionalExit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter boolean skipped,
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(readOnly = false) Optional<?> returned) {
      if (skipped) {
        returned = Optional.empty();
      }
      LockBridge.exit(lease);
    }
  }

  /** Exit after {@link FailClosedEnter} for methods returning {@link Optional}: a skipped call returns empty. */
  static final class FailClosedOptionalExit {

    private FailClosedOptionalExit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter boolean proceeded,
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(readOnly = false) Optional<?> returned) {
      // Set before the bridge is called: if that call fails, the caller still gets an empty Optional, not null.
      if (!proceeded) {
        returned = Optional.empty();
      }
      LockBridge.exit(lease);
    }
  }

  /**
   * Exit after {@link FailOpenEnter} for methods declared to return {@code CompletionStage} or
   * {@code CompletableFuture}: the lock is released when the returned stage settles, and a skipped call returns a
   * future completed with {@code null}.
   */
  static final class FailOpenStageExit {

    private FailOpenStageExit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter boolean skipped,
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      if (skipped) {
        returned = CompletableFuture.completedFuture(null);
      }
      LockBridge.exitAsync(lease, thrown == null ? returned : null);
    }
  }

  /** As {@link FailOpenStageExit}, after {@link FailClosedEnter}. */
  static final class FailClosedStageExit {

    private FailClosedStageExit() {}

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
      LockBridge.exitAsync(lease, thrown == null ? returned : null);
    }
  }

  /**
   * Exit for methods returning an application's own {@code CompletionStage} class: released when the returned
   * stage settles; a skipped call keeps the default, {@code null}.
   */
  static final class OwnStageExit {

    private OwnStageExit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      LockBridge.exitAsync(lease, thrown == null ? returned : null);
    }
  }
}
