package io.github.distlock.agent.core.instrument.result;

import net.bytebuddy.asm.Advice;

/**
 * Any result no other kind takes ({@link ResultKinds}' fallback): the lock is released on return, and a skipped call
 * returns the type's default value.
 */
final class PlainResult implements ResultKind {

  @Override
  public boolean supports(ReturnType type) {
    return true;
  }

  @Override
  public String lockHeld() {
    return "until return";
  }

  @Override
  public Advice locking(AdviceClasses advice, WovenSite site) {
    return advice.locking(site, LockAdvice.enter(site), LockAdvice.Exit.class);
  }
}
