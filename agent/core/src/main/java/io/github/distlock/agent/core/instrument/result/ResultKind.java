package io.github.distlock.agent.core.instrument.result;

import net.bytebuddy.asm.Advice;

/**
 * One kind of result a locked method can return, as far as the lock's lifetime is concerned, decided at weave time
 * from the method's declaration: a result that settles later keeps the lock until it does, and a skipped call must
 * return a value its caller can use. Each kind is one file with its own advice; {@link ResultKinds} lists them, most
 * specific first, so that a new kind (another reactive library, Kotlin {@code Flow}) is one new file and one line
 * there.
 */
public interface ResultKind {

  /** Whether a method that returns {@code type} is of this kind. */
  boolean supports(ReturnType type);

  /** How long a call holds its lock, in a few words. */
  String lockHeld();

  /** The start-up warning a method returning {@code type} deserves, or {@code null}. */
  default String warning(ReturnType type) {
    return null;
  }

  /** The advice that locks each call of {@code site}, whose class loader links the bridge. */
  Advice locking(AdviceClasses advice, WovenSite site);

  /**
   * The advice that skips every call, for a site whose class loader cannot link the bridge and whose fail mode is
   * not open.
   */
  default Advice skipping(AdviceClasses advice) {
    return advice.to(SkipAdvice.Enter.class);
  }
}
