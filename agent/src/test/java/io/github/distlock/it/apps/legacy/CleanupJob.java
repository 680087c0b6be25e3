package io.github.distlock.it.apps.legacy;

/** Locked by a rule on the interface it implements: {@code VendorJob#execute}. */
public final class CleanupJob implements VendorJob {

  @Override
  public void execute(long tick) {
    LegacyFleetApp.ran("cleanup", tick);
  }
}
