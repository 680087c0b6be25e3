package io.github.distlock.agent.core.history;

/** A run as the store keeps it: the owner token that ran it and what its owner recorded at release. */
public final class RecordedRun {

  private final String token;
  private final RunRecord record;

  public RecordedRun(String token, RunRecord record) {
    this.token = token;
    this.record = record;
  }

  public String token() {
    return token;
  }

  public Owner owner() {
    return Owner.of(token);
  }

  public RunRecord record() {
    return record;
  }
}
