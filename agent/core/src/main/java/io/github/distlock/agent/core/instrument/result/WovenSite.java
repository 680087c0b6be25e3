package io.github.distlock.agent.core.instrument.result;

import io.github.distlock.bootstrap.FailMode;

/** The lock site a kind's advice is woven for: its id, inlined as a constant, and what the advice depends on. */
public final class WovenSite {

  private final int id;
  private final FailMode failMode;
  private final boolean templated;
  private final ReturnType returnType;

  /** @param templated whether the lock key is built from the call's arguments, which the advice then passes on */
  public WovenSite(int id, FailMode failMode, boolean templated, ReturnType returnType) {
    this.id = id;
    this.failMode = failMode;
    this.templated = templated;
    this.returnType = returnType;
  }

  int id() {
    return id;
  }

  /** Whether a failure of the advice itself must let the body run, as with {@code failMode=open}. */
  boolean failsOpen() {
    return failMode == FailMode.OPEN;
  }

  boolean isTemplated() {
    return templated;
  }

  ReturnType returnType() {
    return returnType;
  }
}
