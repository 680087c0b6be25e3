package io.github.distlock.agent.core.instrument.result;

import io.github.distlock.bootstrap.LockBridge;
import java.util.concurrent.CompletionStage;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Another subtype of {@code CompletionStage} (an application's own future class): released when the result
 * settles; a skipped call returns {@code null}, as the agent cannot make an instance of that class.
 */
final class OwnStageResult implements ResultKind {

  @Override
  public boolean supports(ReturnType type) {
    return !type.isLanguageType() && type.isA(CompletionStage.class);
  }

  @Override
  public String lockHeld() {
    return "until the result settles";
  }

  @Override
  public String warning(ReturnType type) {
    return "returns " + type.name() + ": the lock is held until the result settles, but a skipped call returns null,"
        + " as distlock cannot create a " + type.name() + "; declare CompletionStage or CompletableFuture instead";
  }

  @Override
  public Advice locking(AdviceClasses advice, WovenSite site) {
    return advice.locking(site, LockAdvice.enter(site), Exit.class);
  }

  /** Releases when the returned stage settles. */
  static final class Exit {

    private Exit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      LockBridge.exitAsync(lease, returned, thrown);
    }
  }
}
