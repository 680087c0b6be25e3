package io.github.distlock.bench.startup;

import io.github.distlock.DistributedLocks;
import io.github.distlock.bench.Poll;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Measures the JVM's footprint while one lock is held: heap used after a full GC and the process's resident set.
 * With the agent it first waits for the Redis connection, so the footprint includes a live client.
 */
public final class MemoryProbe {

  private MemoryProbe() {}

  /** Argument: how many seconds to wait for the connection at most (default 60). */
  public static void main(String[] args) throws Exception {
    if (DistributedLocks.isAgentActive()) {
      long waitSeconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
      // Not connected in time shows up below: the lock is then not held.
      Poll.until(Duration.ofSeconds(waitSeconds), DistributedLocks::isConnected);
    }
    StringBuilder line = new StringBuilder();
    LockedProbe.hold(() -> {
      boolean locked = DistributedLocks.isAgentActive() && LockedProbe.holdsLock();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      line.append("heapUsed=").append(memory.getHeapMemoryUsage().getUsed())
          .append(" nonHeapUsed=").append(memory.getNonHeapMemoryUsage().getUsed())
          .append(" rssKb=").append(residentKb())
          .append(" locked=").append(locked);
    });
    System.out.println(line);
  }

  private static long residentKb() {
    try {
      for (String entry : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (entry.startsWith("VmRSS:")) {
          return Long.parseLong(entry.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // Not Linux: the figure is reported missing.
    }
    return -1;
  }
}
