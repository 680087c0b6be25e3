package io.github.distlock.agent.core.instrument;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined with {@code failMode=closed} into a lock site whose class loader does not link the agent's bridge: no
 * lock can ever be taken there, so every call is skipped without trying. It references JDK types only.
 */
final class SkipAdvice {

  private SkipAdvice() {}

  /** Skips the body; the method returns its type's default value. */
  static final class Enter {

    private Enter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class)
    static boolean enter() {
      return false;
    }
  }

  /** For methods returning {@link Optional}: the skipped call returns empty rather than {@code null}. */
  static final class OptionalExit {

    private OptionalExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) Optional<?> returned) {
      returned = Optional.empty();
    }
  }

  /**
   * For methods declared to return {@code CompletionStage} or {@code CompletableFuture}: the skipped call returns
   * a future completed with {@code null}.
   */
  static final class StageExit {

    private StageExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = CompletableFuture.completedFuture(null);
    }
  }
}
