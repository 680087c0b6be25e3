package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.bootstrap.FailMode;
import java.util.EnumMap;
import java.util.Map;

/** The policy of each fail mode, for locked methods and for the facade: a site's is fixed by its failMode. */
public final class FailPolicies {

  private final Map<FailMode, FailPolicy> calls = new EnumMap<>(FailMode.class);
  private final Map<FailMode, FacadeFailPolicy> facade = new EnumMap<>(FailMode.class);

  public FailPolicies(FailOpen open, FailClosed closed, FailPolicy lastHolder, FacadeFailPolicy lastHolderFacade) {
    calls.put(FailMode.OPEN, open);
    calls.put(FailMode.CLOSED, closed);
    calls.put(FailMode.LAST_HOLDER, lastHolder);
    facade.put(FailMode.OPEN, open);
    facade.put(FailMode.CLOSED, closed);
    facade.put(FailMode.LAST_HOLDER, lastHolderFacade);
  }

  FailPolicy of(LockSite site) {
    return calls.get(site.failMode());
  }

  FacadeFailPolicy ofFacade(FailMode failMode) {
    return facade.get(failMode);
  }
}
