package io.github.distlock.bench.calls;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A distlock trial whose every call should take its lock: waits for the agent before the trial and checks its
 * counters after it.
 */
@State(Scope.Benchmark)
public class AgentTrial {

  @Setup(Level.Trial)
  public void ready() throws Exception {
    AgentCheck.awaitReady();
  }

  @TearDown(Level.Trial)
  public void verify() throws Exception {
    AgentCheck.verifyTrial(false);
  }
}
