package io.github.distlock.agent.core.instrument.result;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import net.bytebuddy.asm.Advice;

/**
 * An asynchronous result the agent cannot follow: released on return, before the work it stands for is done. The
 * reactive types no other kind takes (RxJava's {@code Single}, which cannot complete empty, Mutiny, Kotlin flows),
 * and a {@code Future} that is no {@code CompletionStage} (FutureTask, Guava's ListenableFuture, a ScheduledFuture),
 * which takes no callback.
 */
final class UnfollowedResult implements ResultKind {

  private static final String[] TYPES = {"org.reactivestreams.Publisher"};
  private static final String[] PREFIXES = {
    "reactor.core.publisher.", "io.reactivex.", "io.smallrye.mutiny.", "kotlinx.coroutines."
  };

  @Override
  public boolean supports(ReturnType type) {
    for (String unfollowed : TYPES) {
      if (type.name().equals(unfollowed)) {
        return true;
      }
    }
    for (String prefix : PREFIXES) {
      if (type.name().startsWith(prefix)) {
        return true;
      }
    }
    return !type.isLanguageType() && type.isA(Future.class) && !type.isA(CompletionStage.class);
  }

  @Override
  public String lockHeld() {
    return "until return (result not followed)";
  }

  @Override
  public String warning(ReturnType type) {
    return "returns " + type.name() + ": distlock cannot follow this asynchronous result yet, so the lock is released"
        + " when the method returns, before the work it started is done; return a CompletionStage, a Reactor"
        + " Mono or Flux, or an RxJava Flowable, Observable, Maybe or Completable to hold the lock until it"
        + " settles";
  }

  @Override
  public Advice locking(AdviceClasses advice, WovenSite site) {
    return advice.locking(site, LockAdvice.enter(site), LockAdvice.Exit.class);
  }
}
