package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.FailModeApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replicas in a Kubernetes pod environment: every Service of the namespace injects service-link variables, among
 * them {@code REDIS_PORT=tcp://ip:port} for a Service named {@code redis} and a family of {@code DISTLOCK_*} names
 * for one named {@code distlock}. The agent finds Redis through the link, takes no other variable for a setting,
 * and the job runs locked on one replica at a time.
 */
class KubernetesEnvIT {

  private static final Duration STEP = Duration.ofSeconds(30);
  private static final Duration COLD_CALL = Duration.ofSeconds(60);

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  /**
   * @param redisService the name of the Service in front of Redis, {@code redis} or {@code distlock-redis}; the
   *     namespace also has the application's own Service, {@code distlock}, and a {@code distlock-metrics} one
   */
  @ParameterizedTest(name = "Redis behind a Service named {0}")
  @ValueSource(strings = {"redis", "distlock-redis"})
  void serviceLinksLeadToRedisAndTheJobRunsLockedOnOneReplicaAtATime(String redisService) {
    Map<String, String> pod = new LinkedHashMap<>();
    putServiceLinks(pod, redisService, redis.host(), redis.port(), "redis");
    putServiceLinks(pod, "distlock", "10.96.0.20", 8080, "http");
    putServiceLinks(pod, "distlock-metrics", "10.96.0.21", 9090, "prom");
    String linkVariable = variablePrefix(redisService) + "_PORT";
    // A cold JVM on a shared two-core machine may need more than the default 10 s to connect.
    pod.put("DISTLOCK_CONNECT_TIMEOUT", "30s");

    try (RunningJvm first = replica("replica-1", pod); RunningJvm second = replica("replica-2", pod)) {
      // No waiting for the connection: the first call meets the agent before it has connected, as in a pod that
      // has just started.
      first.writeLine("hold");
      first.awaitLine("^HOLDING$", COLD_CALL);
      try (RespClient client = redis.client()) {
        assertTrue(client.exists(FailModeApp.KEY), "the first replica's lock is in the Redis behind the link");
      }

      second.writeLine("call");
      assertEquals("RESULT call.1=skipped", second.awaitLine("^RESULT call\\.1=", COLD_CALL),
          "while the first holds it");

      first.writeLine("go");
      assertEquals("RESULT call.1=ran-locked", first.awaitLine("^RESULT call\\.1=", STEP));

      for (RunningJvm replica : new RunningJvm[] {first, second}) {
        replica.writeLine("exit");
        assertEquals(0, replica.awaitExit(STEP), replica.output());
        assertReadTheLinkAndNothingElse(replica, linkVariable);
      }
    }
  }

  private static RunningJvm replica(String name, Map<String, String> pod) {
    ForkedJvm jvm = ForkedJvm.main(FailModeApp.class).name(name).withAgent(null);
    pod.forEach(jvm::env);
    return jvm.start();
  }

  private static void assertReadTheLinkAndNothingElse(RunningJvm replica, String linkVariable) {
    String address = redis.host() + ":" + redis.port();
    assertTrue(replica.stderrLines().contains("[distlock] INFO config: environment variable " + linkVariable
            + " is a Kubernetes service link (tcp://" + address + ") and no Redis host or URL is configured:"
            + " connecting to " + address),
        replica.output());
    assertTrue(replica.stderrLines().stream().anyMatch(
        line -> line.startsWith("[distlock] INFO config: redis=redis://" + address + "/0 ")), replica.output());
    for (String line : replica.stderrLines()) {
      assertFalse(line.startsWith("[distlock] ERROR") || line.startsWith("[distlock] WARN config:"), line);
    }
  }

  /** The variables Kubernetes injects into every pod for a Service with one named TCP port. */
  private static void putServiceLinks(Map<String, String> env, String service, String ip, int port, String portName) {
    String svc = variablePrefix(service);
    String link = "tcp://" + ip + ":" + port;
    String perPort = svc + "_PORT_" + port + "_TCP";
    env.put(svc + "_SERVICE_HOST", ip);
    env.put(svc + "_SERVICE_PORT", Integer.toString(port));
    env.put(svc + "_SERVICE_PORT_" + variablePrefix(portName), Integer.toString(port));
    env.put(svc + "_PORT", link);
    env.put(perPort, link);
    env.put(perPort + "_PROTO", "tcp");
    env.put(perPort + "_PORT", Integer.toString(port));
    env.put(perPort + "_ADDR", ip);
  }

  private static String variablePrefix(String name) {
    return name.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
