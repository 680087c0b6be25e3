package io.github.distlock.demo;

/** The counts under the fleet table; {@link #toString()} is the summary line the launcher and its test rely on. */
public final class FleetSummary {

  private final int ticks;
  private final int ranOnce;
  private final int duplicates;
  private final int missed;
  private final int skippedWhileRunning;

  FleetSummary(int ticks, int ranOnce, int duplicates, int missed, int skippedWhileRunning) {
    this.ticks = ticks;
    this.ranOnce = ranOnce;
    this.duplicates = duplicates;
    this.missed = missed;
    this.skippedWhileRunning = skippedWhileRunning;
  }

  /** Ticks that were due: every tick in the window except those skipped while the job's previous run went on. */
  public int ticks() {
    return ticks;
  }

  public int ranOnce() {
    return ranOnce;
  }

  /** Ticks that more than one replica ran. */
  public int duplicates() {
    return duplicates;
  }

  /** Due ticks that no replica ran. */
  public int missed() {
    return missed;
  }

  /** Ticks nobody ran because a run of the same job was still holding its lock: the lock doing its job. */
  public int skippedWhileRunning() {
    return skippedWhileRunning;
  }

  /** True when every due tick ran exactly once. */
  public boolean exactlyOnce() {
    return ticks > 0 && duplicates == 0 && missed == 0;
  }

  @Override
  public String toString() {
    return "ticks: " + ticks + ", ran once: " + ranOnce + ", duplicates: " + duplicates + ", missed: " + missed;
  }
}
