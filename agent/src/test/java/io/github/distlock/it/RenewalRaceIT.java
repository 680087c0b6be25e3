package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.RenewalRaceApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisMonitor;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A renewal never follows the exit's {@code lockAtLeastFor} shortening: that would stretch the lock back to its
 * whole ttl after the body finished. Read from Redis' own record of what it executed ({@code MONITOR}).
 */
class RenewalRaceIT {

  private static final int BODIES = 1000;
  private static final String TTL = Long.toString(RenewalRaceApp.TTL_MILLIS);

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void noRenewalIsExecutedAfterTheShorteningAtExit() {
    try (RespClient client = redis.client();
        RedisMonitor monitor = RedisMonitor.start(redis.host(), redis.port());
        RunningJvm app = ForkedJvm.main(RenewalRaceApp.class)
            .withAgent("redis.url=" + redis.url() + ",keyPrefix=it:")
            .args(Integer.toString(BODIES))
            .start()) {
      app.awaitLine("^READY", Duration.ofSeconds(30));
      app.writeLine("go");
      app.awaitLine("^DONE", Duration.ofSeconds(45));
      monitor.awaitMarker(client, "end-of-race", Duration.ofSeconds(10));

      // EVALSHA <sha> 1 it:race <token> <ms>: a renewal asks for the whole ttl. The exit asks for what is left of it
      // in the release that records the run: EVALSHA <sha> 2 it:race <history> <token> <ms> <run...>.
      Map<String, String> lastExpiryByToken = new HashMap<>();
      List<String> stretched = new ArrayList<>();
      int renewals = 0;
      int shortenings = 0;
      for (RedisMonitor.Command command : monitor.commands()) {
        List<String> words = command.words();
        if (words.size() < 6 || !words.get(0).equalsIgnoreCase("EVALSHA") || !words.get(3).equals("it:race")) {
          continue;
        }
        int first = words.get(2).equals("2") ? 5 : 4;
        String token = words.get(first);
        String millis = words.get(first + 1);
        if (millis.equals("0")) {
          // Released outright: held past lockAtLeastFor.
          continue;
        }
        String previous = lastExpiryByToken.put(token, millis);
        if (!millis.equals(TTL)) {
          shortenings++;
        } else {
          renewals++;
          if (previous != null && !previous.equals(TTL)) {
            stretched.add(token + ": PEXPIRE " + previous + " then " + millis);
          }
        }
      }
      // A body held up past lockAtLeastFor, which a loaded machine can do, is released instead of shortened.
      assertTrue(shortenings > BODIES / 4, "bodies shortened their lock at exit: " + shortenings);
      assertTrue(renewals > 0, "bodies outlived their first renewal");
      assertEquals(List.of(), stretched, "renewals executed after the shortening");
    }
  }
}
