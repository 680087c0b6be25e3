package io.github.distlock.bench.calls;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Locked calls per second from 16 threads, each on its own key, so no call ever waits for another's lock. Both
 * contenders put all 16 threads on one shared connection: the agent has exactly one, and the floor shares one
 * {@link FloorClient} (Lettuce is thread-safe and writes concurrent commands back to back on the connection,
 * i.e. pipelines them), keeping its two synchronous round trips per call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(Throughput16.THREADS)
public class Throughput16 {

  static final int THREADS = 16;

  /** The floor's one shared connection. */
  @State(Scope.Benchmark)
  public static class Floor {
    FloorClient client;

    @Setup(Level.Trial)
    public void open() {
      client = FloorClient.open();
    }

    @TearDown(Level.Trial)
    public void close() {
      client.close();
    }
  }

  /** The key a thread works on: one per thread. */
  @State(Scope.Thread)
  public static class Slot {
    private static final AtomicInteger NEXT = new AtomicInteger();

    int index;
    String floorKey;

    @Setup(Level.Trial)
    public void assign() {
      index = NEXT.getAndIncrement();
      if (index >= THREADS) {
        throw new IllegalStateException("more threads than keys: run with " + THREADS + " threads");
      }
      floorKey = String.format("bench:tput:floor:%02d", index);
    }
  }

  @Benchmark
  public void floor(Floor floor, Slot slot) {
    floor.client.lockRunRelease(slot.floorKey);
  }

  @Benchmark
  public void distlock(AgentTrial agent, Slot slot) {
    LockedJobs.throughput(slot.index);
  }
}
