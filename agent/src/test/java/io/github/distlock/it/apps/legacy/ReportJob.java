package io.github.distlock.it.apps.legacy;

/** A vendor's job class, locked by a rule that names it: {@code ReportJob#run}. */
public final class ReportJob {

  public void run(long tick) {
    LegacyFleetApp.ran("report", tick);
  }
}
