package io.github.distlock.agent.core.instrument.result;

import io.github.distlock.bootstrap.LockBridge;
import net.bytebuddy.asm.Advice;

/**
 * The entry inlined into every lock site whose result settles on return or later (plain, {@code Optional}, stages):
 * ask the bridge for the lock and skip the body when it is not granted; and the plain exit, which releases after
 * return or exception. Only bridge and JDK types appear here, because the code runs inside the application's
 * classes.
 *
 * <p>Byte Buddy suppresses any error of the advice itself (the bridge unreachable from the application's class
 * loader, say) and then treats the enter advice as having returned {@code false}. The two enter variants give that
 * {@code false} the meaning of their fail mode: "do not skip" when the fail mode is open, "do not proceed" when it
 * is closed. The exits that write a value into a skipped call read the enter value the same way.
 */
final class LockAdvice {

  private LockAdvice() {}

  /** The entry for a site's fail mode, and for a key fixed or built from the call's arguments. */
  static Class<?> enter(WovenSite site) {
    if (site.isTemplated()) {
      return site.failsOpen() ? FailOpenTemplateEnter.class : FailClosedTemplateEnter.class;
    }
    return site.failsOpen() ? FailOpenEnter.class : FailClosedEnter.class;
  }

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

  /** Exit that releases on return; a skipped call returns the type's default value. */
  static final class Exit {

    private Exit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Local("distlockLease") Object lease, @Advice.Thrown Throwable thrown) {
      LockBridge.exit(lease, thrown);
    }
  }
}
