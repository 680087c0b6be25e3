package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.FleetApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fleet of JVMs calling one locked method as fast as they can: no two bodies may ever overlap. */
class FleetIT {

  private static final int REPLICAS = 4;
  private static final int SECONDS = 4;

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void fourReplicasHammeringOneKeyNeverOverlap() {
    List<int[]> counts = runFleet(true);
    try (RespClient client = redis.client()) {
      assertNull(client.get("fleet:overlaps"), "bodies that overlapped another replica's");
      long runs = Long.parseLong(client.get("fleet:runs"));
      assertEquals(runs, counts.stream().mapToLong(c -> c[0]).sum(), "runs reported by the replicas");
      assertTrue(runs > 0, "some calls ran");
      assertTrue(counts.stream().mapToLong(c -> c[1]).sum() > 0, "some calls found the lock busy and skipped");
    }
  }

  @Test
  void withoutTheAgentTheSameFleetOverlaps() {
    runFleet(false);
    try (RespClient client = redis.client()) {
      String overlaps = client.get("fleet:overlaps");
      assertTrue(overlaps != null && Long.parseLong(overlaps) > 0,
          "the control must show overlaps, or the test above proves nothing; overlaps=" + overlaps);
    }
  }

  private static List<int[]> runFleet(boolean withAgent) {
    List<RunningJvm> fleet = new ArrayList<>();
    try {
      for (int i = 0; i < REPLICAS; i++) {
        ForkedJvm jvm = ForkedJvm.main(FleetApp.class).name("replica-" + i)
            .args(redis.host(), Integer.toString(redis.port()), Integer.toString(SECONDS),
                Boolean.toString(withAgent));
        fleet.add(withAgent ? jvm.withAgent("redis.url=" + redis.url()).start() : jvm.start());
      }
      for (RunningJvm replica : fleet) {
        replica.awaitLine("^READY$", Duration.ofSeconds(60));
      }
      fleet.forEach(replica -> replica.writeLine("go"));
      List<int[]> counts = new ArrayList<>();
      for (RunningJvm replica : fleet) {
        assertEquals(0, replica.awaitExit(Duration.ofSeconds(60)));
        counts.add(new int[] {
          Integer.parseInt(replica.results().get("runs")), Integer.parseInt(replica.results().get("skips"))
        });
      }
      return counts;
    } finally {
      fleet.forEach(RunningJvm::close);
    }
  }
}
