package io.github.distlock.agent.core.instrument.result;

import net.bytebuddy.asm.Advice;

/**
 * A reactive type locked per subscription: each subscription holds the lock from subscribe until it completes, fails
 * or is cancelled, and one that finds the lock busy, like a skipped call, gets an empty publisher. One instance per
 * type, with the advice of its library ({@link ReactorResult}, {@link RxJavaResult}).
 */
final class SubscriptionResult implements ResultKind {

  private final String type;
  private final Class<?> exit;
  private final Class<?> skippedExit;
  private final boolean foreignToAgent;

  private SubscriptionResult(String type, Class<?> exit, Class<?> skippedExit, boolean foreignToAgent) {
    this.type = type;
    this.exit = exit;
    this.skippedExit = skippedExit;
    this.foreignToAgent = foreignToAgent;
  }

  /**
   * @param exit the advice that wraps the returned publisher
   * @param skippedExit the advice, after {@link SkipAdvice.Enter}, that returns an empty one
   */
  static ResultKind of(String type, Class<?> exit, Class<?> skippedExit) {
    return new SubscriptionResult(type, exit, skippedExit, false);
  }

  /** As {@link #of}, for advice that names types the agent does not have: described from its class files. */
  static ResultKind describedOf(String type, Class<?> exit, Class<?> skippedExit) {
    return new SubscriptionResult(type, exit, skippedExit, true);
  }

  @Override
  public boolean supports(ReturnType returned) {
    return returned.name().equals(type);
  }

  @Override
  public String lockHeld() {
    return "per subscription, until it ends";
  }

  @Override
  public Advice locking(AdviceClasses advice, WovenSite site) {
    return foreignToAgent ? advice.lockingOnExitDescribed(site, exit) : advice.lockingOnExit(site, exit);
  }

  @Override
  public Advice skipping(AdviceClasses advice) {
    return foreignToAgent ? advice.toDescribed(SkipAdvice.Enter.class, skippedExit)
        : advice.to(SkipAdvice.Enter.class, skippedExit);
  }
}
