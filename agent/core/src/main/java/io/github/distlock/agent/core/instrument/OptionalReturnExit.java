package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.LockBridge;
import java.util.Optional;
import net.bytebuddy.asm.Advice;

/**
 * The exit advice for methods returning {@link Optional}: a skipped call returns {@code Optional.empty()} rather
 * than the {@code null} Byte Buddy would leave, which callers of an {@code Optional} never expect.
 */
final class OptionalReturnExit {

  private OptionalReturnExit() {}

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
