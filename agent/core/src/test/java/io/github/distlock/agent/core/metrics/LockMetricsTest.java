package io.github.distlock.agent.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.LogLevel;
import org.junit.jupiter.api.Test;

class LockMetricsTest {

  @Test
  void keysBeyondTheLimitShareOneEntryWhileTheTotalCountsEveryCall() {
    LockMetrics metrics = new LockMetrics(new AgentLog(System.err, LogLevel.WARN));
    int keys = LockMetrics.MAX_KEYS + 500;
    for (int i = 0; i < keys; i++) {
      metrics.count(LockEvent.SKIPPED, "report:tenant-" + i);
    }
    assertEquals(LockMetrics.MAX_KEYS + 1, metrics.getKeys().size());
    assertEquals(500, metrics.getKeys().get(LockMetrics.OTHER_KEYS).getSkipped());
    assertEquals(keys, metrics.getTotal().getSkipped());
  }
}
