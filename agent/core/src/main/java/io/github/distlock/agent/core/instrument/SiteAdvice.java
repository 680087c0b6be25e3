package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.instrument.result.AdviceClasses;
import io.github.distlock.agent.core.instrument.result.ResultKind;
import io.github.distlock.agent.core.instrument.result.ReturnType;
import io.github.distlock.agent.core.instrument.result.WovenSite;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.bootstrap.FailMode;
import io.github.distlock.bootstrap.LockBridge;
import net.bytebuddy.asm.Advice;

/**
 * Chooses the advice for one lock site, by whether the site's class loader links the bridge, the site's fail mode
 * and what the method returns ({@link ResultKind}), and inlines the site's id into it as a constant. What the advice
 * itself throws is suppressed, so that the application's call goes on, and handed to
 * {@link LockBridge#adviceFailed} with the site's id ({@link AdviceFailureHandler}), so that it is counted and
 * reported rather than lost.
 */
final class SiteAdvice {

  private final AdviceClasses adviceClasses = new AdviceClasses();

  /** The advice for a site whose method returns {@code type} of {@code kind}, or {@code null} to leave it as it is. */
  Advice forSite(ResultKind kind, ReturnType type, int siteId, LockSite site, BridgeLink link) {
    if (link != BridgeLink.LINKED) {
      // No lock can be taken: follow the fail mode without calling the bridge on every call.
      return site.failMode() == FailMode.OPEN ? null : kind.skipping(adviceClasses);
    }
    return kind.locking(adviceClasses, new WovenSite(siteId, site.failMode(), site.isTemplated(), type))
        .withExceptionHandler(new AdviceFailureHandler(siteId));
  }
}
