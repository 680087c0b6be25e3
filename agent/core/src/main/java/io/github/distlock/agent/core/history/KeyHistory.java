package io.github.distlock.agent.core.history;

import java.util.Collections;
import java.util.List;

/** What the store knows of one lock key at one moment: who holds it now, if anyone, and its recent runs. */
public final class KeyHistory {

  private final String key;
  private final String holderToken;
  private final List<RecordedRun> runs;

  /**
   * @param holderToken the token in the lock key now, or {@code null} when nobody holds it
   * @param runs newest first
   */
  public KeyHistory(String key, String holderToken, List<RecordedRun> runs) {
    this.key = key;
    this.holderToken = holderToken;
    this.runs = Collections.unmodifiableList(runs);
  }

  /** The store's key, prefix included. */
  public String key() {
    return key;
  }

  /** The token in the lock key now, whoever wrote it, or {@code null}. */
  public String holderToken() {
    return holderToken;
  }

  /** Recent runs, newest first; empty when none was recorded or history is off. */
  public List<RecordedRun> runs() {
    return runs;
  }
}
