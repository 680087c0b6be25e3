package io.github.distlock.agent.core.instrument.result;

import net.bytebuddy.asm.Advice;

/**
 * The entry inlined with {@code failMode=closed} into a lock site whose class loader does not link the agent's
 * bridge: no lock can ever be taken there, so every call is skipped without trying, and returns its type's default
 * unless the site's kind writes another value on exit. It references no type at all.
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
}
