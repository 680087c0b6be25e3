package io.github.distlock.bench.calls;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RLock;

/**
 * One locked call on a free lock, single-threaded: acquire, the same no-op body, release. Each contender runs in
 * its own JVM against the same Redis; {@code distlock} only in a JVM started with the agent.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AcquiredPath {

  private static final String FLOOR_KEY = "bench:floor";
  private static final String REDISSON_LOCK = "bench:redisson";
  private static final String SHEDLOCK_LOCK = "bench-shedlock";

  /** The floor's connection. */
  @State(Scope.Benchmark)
  public static class Floor {
    FloorClient client;

    @Setup(Level.Trial)
    public void open() {
      client = FloorClient.open();
      client.delete(FLOOR_KEY);
    }

    @TearDown(Level.Trial)
    public void close() {
      client.close();
    }
  }

  /** A Redisson client and its lock. */
  @State(Scope.Benchmark)
  public static class Redisson {
    RedissonLocks locks;
    RLock lock;

    @Setup(Level.Trial)
    public void open() {
      locks = RedissonLocks.open();
      lock = locks.lock(REDISSON_LOCK);
    }

    @TearDown(Level.Trial)
    public void close() {
      locks.close();
    }
  }

  /** A ShedLock executor. */
  @State(Scope.Benchmark)
  public static class ShedLock {
    ShedLockLocks locks;

    @Setup(Level.Trial)
    public void open() {
      locks = ShedLockLocks.open();
    }

    @TearDown(Level.Trial)
    public void close() {
      locks.close();
    }
  }

  @Benchmark
  public void floor(Floor floor) {
    floor.client.lockRunRelease(FLOOR_KEY);
  }

  @Benchmark
  public void distlock(AgentTrial agent) {
    LockedJobs.acquired();
  }

  @Benchmark
  public void distlockTemplate(AgentTrial agent) {
    LockedJobs.acquiredTemplate("tenant-1");
  }

  @Benchmark
  public void redisson(Redisson redisson) throws InterruptedException {
    RedissonLocks.lockRunUnlock(redisson.lock);
  }

  @Benchmark
  public void shedlock(ShedLock shedLock) throws Throwable {
    shedLock.locks.lockRun(SHEDLOCK_LOCK);
  }
}
