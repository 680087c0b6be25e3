package io.github.distlock.agent.core.instrument.result;

import io.github.distlock.bootstrap.LockBridge;
import java.util.Optional;
import net.bytebuddy.asm.Advice;

/** {@link Optional}: released on return, as a plain result; a skipped call returns {@code Optional.empty()}. */
final class OptionalResult implements ResultKind {

  @Override
  public boolean supports(ReturnType type) {
    return type.name().equals("java.util.Optional");
  }

  @Override
  public String lockHeld() {
    return "until return";
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
        @Advice.Return(readOnly = false) Optional<?> returned,
        @Advice.Thrown Throwable thrown) {
      if (skipped) {
        returned = Optional.empty();
      }
      LockBridge.exit(lease, thrown);
    }
  }

  /** Exit after an entry for {@code failMode=closed}, whose value says whether the call proceeded. */
  static final class FailClosedExit {

    private FailClosedExit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter boolean proceeded,
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(readOnly = false) Optional<?> returned,
        @Advice.Thrown Throwable thrown) {
      // Set before the bridge is called: if that call fails, the caller still gets an empty Optional, not null.
      if (!proceeded) {
        returned = Optional.empty();
      }
      LockBridge.exit(lease, thrown);
    }
  }

  /** Exit after {@link SkipAdvice.Enter}. */
  static final class SkippedExit {

    private SkippedExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) Optional<?> returned) {
      returned = Optional.empty();
    }
  }
}
