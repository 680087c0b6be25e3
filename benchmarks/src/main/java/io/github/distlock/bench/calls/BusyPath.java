package io.github.distlock.bench.calls;

import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.SimpleLock;
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
 * One call while another owner holds the lock, single-threaded: the body is skipped. This is what every replica
 * but one pays on each tick of a scheduled job. The floor is a single {@code SET NX} that fails.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BusyPath {

  private static final String FLOOR_KEY = "bench:busy:floor";
  private static final String REDISSON_LOCK = "bench:busy:redisson";
  private static final String SHEDLOCK_LOCK = "bench-busy-shedlock";

  /** The floor's connection, with its key held by "another replica". */
  @State(Scope.Benchmark)
  public static class Floor {
    FloorClient client;

    @Setup(Level.Trial)
    public void open() {
      client = FloorClient.open();
      client.holdElsewhere(FLOOR_KEY);
    }

    @TearDown(Level.Trial)
    public void close() {
      client.delete(FLOOR_KEY);
      client.close();
    }
  }

  /**
   * The agent, with the locked method's key held by another replica's token; set by a plain socket because this
   * JVM carries no Redis client library besides the agent's own.
   */
  @State(Scope.Benchmark)
  public static class Agent {
    @Setup(Level.Trial)
    public void ready() throws Exception {
      AgentCheck.awaitReady();
      try (RespClient redis = RespClient.connect(BenchRedis.port())) {
        String reply = redis.call("SET", LockedJobs.BUSY_KEY, "another-replica:1", "PX", "1800000");
        if (!reply.equals("+OK")) {
          throw new IllegalStateException("could not hold " + LockedJobs.BUSY_KEY + ": " + reply);
        }
      }
    }

    @TearDown(Level.Trial)
    public void verify() throws Exception {
      try {
        AgentCheck.verifyTrial(true);
      } finally {
        try (RespClient redis = RespClient.connect(BenchRedis.port())) {
          redis.call("DEL", LockedJobs.BUSY_KEY);
        }
      }
    }
  }

  /** A Redisson client whose lock another thread (another owner, to Redisson) holds. */
  @State(Scope.Benchmark)
  public static class Redisson {
    RedissonLocks locks;
    RLock lock;

    @Setup(Level.Trial)
    public void open() throws InterruptedException {
      locks = RedissonLocks.open();
      lock = locks.lock(REDISSON_LOCK);
      RedissonLocks.holdElsewhere(lock);
    }

    @TearDown(Level.Trial)
    public void close() {
      lock.forceUnlock();
      locks.close();
    }
  }

  /** A ShedLock executor whose lock is already taken. */
  @State(Scope.Benchmark)
  public static class ShedLock {
    ShedLockLocks locks;
    SimpleLock held;

    @Setup(Level.Trial)
    public void open() {
      locks = ShedLockLocks.open();
      held = locks.holdElsewhere(SHEDLOCK_LOCK);
    }

    @TearDown(Level.Trial)
    public void close() {
      held.unlock();
      locks.close();
    }
  }

  @Benchmark
  public void floor(Floor floor) {
    floor.client.trySetWhileHeld(FLOOR_KEY);
  }

  @Benchmark
  public void distlock(Agent agent) {
    LockedJobs.busy();
  }

  @Benchmark
  public void redisson(Redisson redisson) throws InterruptedException {
    RedissonLocks.tryWhileHeld(redisson.lock);
  }

  @Benchmark
  public void shedlock(ShedLock shedLock) throws Throwable {
    shedLock.locks.tryWhileHeld(SHEDLOCK_LOCK);
  }
}
