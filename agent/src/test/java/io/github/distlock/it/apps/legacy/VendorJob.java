package io.github.distlock.it.apps.legacy;

/** A scheduler library's job interface, shaped as Quartz's {@code Job}: the fleet's jobs implement it. */
public interface VendorJob {

  void execute(long tick) throws Exception;
}
