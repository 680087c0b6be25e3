package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Defined by {@link BootDelegationApp}'s class loader, which does not delegate distlock's bridge package to the
 * boot loader: its locked methods count the runs of their bodies, which the fail mode decides.
 */
public final class BootDelegationJob {

  private static final AtomicInteger RUNS = new AtomicInteger();

  @DistributedLock(key = "boot-delegation:run")
  public void run() {
    RUNS.incrementAndGet();
  }

  @DistributedLock(key = "boot-delegation:optional")
  public Optional<String> optional() {
    RUNS.incrementAndGet();
    return Optional.of("body");
  }

  @DistributedLock(key = "boot-delegation:number")
  public int number() {
    RUNS.incrementAndGet();
    return 42;
  }

  public static int runs() {
    return RUNS.get();
  }
}
