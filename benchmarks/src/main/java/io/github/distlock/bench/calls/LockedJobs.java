package io.github.distlock.bench.calls;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;

/** The {@code @DistributedLock} methods the agent wraps in the benchmark JVMs; each body is {@link Body#run()}. */
public final class LockedJobs {

  /** Keys of the methods below, for set-up and checks. */
  static final String ACQUIRED_KEY = "bench:distlock";
  static final String BUSY_KEY = "bench:busy:distlock";

  private LockedJobs() {}

  @DistributedLock(key = ACQUIRED_KEY, ttl = "30s")
  public static void acquired() {
    Body.run();
  }

  /** As {@link #acquired()}, with the key built from the argument: what a key template adds to a call. */
  @DistributedLock(key = "bench:tpl:{0}", ttl = "30s")
  public static void acquiredTemplate(String tenant) {
    Body.run();
  }

  @DistributedLock(key = BUSY_KEY, ttl = "30s")
  public static void busy() {
    Body.run();
  }

  /** Proves in set-up that the agent really wraps these methods: returns the fencing token of a held lock. */
  @DistributedLock(key = "bench:probe", ttl = "30s")
  public static long probe() {
    DistributedLocks.assertLocked();
    return DistributedLocks.fencingToken();
  }

  /** One job per throughput thread, so that 16 threads never contend for one key. */
  public static void throughput(int index) {
    switch (index) {
      case 0 -> job00();
      case 1 -> job01();
      case 2 -> job02();
      case 3 -> job03();
      case 4 -> job04();
      case 5 -> job05();
      case 6 -> job06();
      case 7 -> job07();
      case 8 -> job08();
      case 9 -> job09();
      case 10 -> job10();
      case 11 -> job11();
      case 12 -> job12();
      case 13 -> job13();
      case 14 -> job14();
      case 15 -> job15();
      default -> throw new IllegalArgumentException("no job " + index);
    }
  }

  @DistributedLock(key = "bench:tput:distlock:00", ttl = "30s")
  static void job00() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:01", ttl = "30s")
  static void job01() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:02", ttl = "30s")
  static void job02() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:03", ttl = "30s")
  static void job03() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:04", ttl = "30s")
  static void job04() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:05", ttl = "30s")
  static void job05() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:06", ttl = "30s")
  static void job06() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:07", ttl = "30s")
  static void job07() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:08", ttl = "30s")
  static void job08() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:09", ttl = "30s")
  static void job09() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:10", ttl = "30s")
  static void job10() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:11", ttl = "30s")
  static void job11() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:12", ttl = "30s")
  static void job12() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:13", ttl = "30s")
  static void job13() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:14", ttl = "30s")
  static void job14() {
    Body.run();
  }

  @DistributedLock(key = "bench:tput:distlock:15", ttl = "30s")
  static void job15() {
    Body.run();
  }
}
