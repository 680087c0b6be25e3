package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.AppSupport;
import io.github.distlock.it.apps.BootJobApp;
import io.github.distlock.it.apps.legacy.CleanupJob;
import io.github.distlock.it.apps.legacy.ReportJob;
import io.github.distlock.it.apps.legacy.VendorJob;
import io.github.distlock.it.support.BootFatJar;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar distlock-agent.jar <command>}: the operator's commands, against a real Redis. */
class CliIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration RUN = Duration.ofSeconds(60);
  private static final String SECRET = "s3cret-Passw0rd";

  @TempDir Path dir;

  @Test
  void configShowsEachValueAndItsSourceWithSecretsMaskedAndTheLockRules() throws IOException {
    Path file = dir.resolve("distlock.yml");
    Files.write(file, List.of("failMode: closed", "locks:", "  - method: com.acme.ReportJob#run",
        "    key: cron:report", "    ttl: 10m", "    failMode: LAST_HOLDER"), StandardCharsets.UTF_8);
    try (RunningJvm cli = cli("config", "keyPrefix=app:", "config=" + file)
        .env("REDIS_HOST", "cache.internal").env("REDIS_PASSWORD", SECRET).start()) {
      assertEquals(0, cli.awaitExit(RUN), cli.output());
      String output = cli.output();
      System.out.println("CLI config\n" + String.join("\n", cli.stdoutLines()));
      assertTrue(Pattern.compile("(?m)^redis\\.host +cache\\.internal +environment variable REDIS_HOST$")
          .matcher(output).find(), output);
      assertTrue(Pattern.compile("(?m)^redis\\.password +\\*\\*\\*\\* +environment variable REDIS_PASSWORD$")
          .matcher(output).find(), output);
      assertTrue(Pattern.compile("(?m)^keyPrefix +\"app:\" +agent argument keyPrefix$").matcher(output).find(),
          output);
      assertTrue(Pattern.compile("(?m)^failMode +closed +" + Pattern.quote(file + ":1") + "$").matcher(output)
          .find(), output);
      assertTrue(Pattern.compile("(?m)^timeout +2s +default$").matcher(output).find(), output);
      assertTrue(Pattern.compile("(?m)^com\\.acme\\.ReportJob#run +cron:report +10m +0 +false +lastHolder +"
          + Pattern.quote(file + ":3") + "$").matcher(output).find(), output);
      assertFalse(output.contains(SECRET), "no secret in the output");
    }
  }

  @Test
  void configExitsWithOneOnABadValueAndSaysWhy() {
    try (RunningJvm cli = cli("config", "redis.port=not-a-port", "--json").start()) {
      assertEquals(1, cli.awaitExit(RUN), cli.output());
      String json = String.join("", cli.stdoutLines());
      assertTrue(json.startsWith("{\"ok\":false,\"settings\":[{\"setting\":\"redis.url\""), json);
      assertTrue(json.contains("redis.port = \\\"not-a-port\\\" is not valid"), json);
    }
  }

  @Test
  void locksListsTheHeldLocksWithTheirHolder() {
    try (RespClient client = redis.client()) {
      client.setNxPx("app:cron:report", "worker-7:4242:5f3a.12", 60_000);
      client.set("app:{app:cron:report}:fence", "3");
      client.setNxPx("other:cron:x", "worker-8:1:aa.1", 60_000);
      try (RunningJvm cli = cli("locks", "redis.url=" + redis.url(), "keyPrefix=app:").start()) {
        assertEquals(0, cli.awaitExit(RUN), cli.output());
        String output = cli.output();
        System.out.println("CLI locks\n" + String.join("\n", cli.stdoutLines()));
        assertTrue(Pattern.compile("(?m)^key +host +pid +ttl +fence +token$").matcher(output).find(), output);
        assertTrue(Pattern.compile("(?m)^app:cron:report +worker-7 +4242 +[0-9.]+s +3 +worker-7:4242:5f3a\\.12$")
            .matcher(output).find(), output);
        assertFalse(output.contains("other:cron:x"), "only keys under the prefix");
      }
      try (RunningJvm cli = cli("locks", "nothing*", "redis.url=" + redis.url(), "keyPrefix=app:").start()) {
        assertEquals(0, cli.awaitExit(RUN), cli.output());
        assertTrue(cli.output().contains("no lock held under prefix \"app:\" matching nothing*"), cli.output());
      }
    }
  }

  @Test
  void locksFailsWhenRedisCannotBeReached() {
    try (RunningJvm cli = cli("locks", "redis.url=redis://127.0.0.1:1", "connectTimeout=2s").start()) {
      assertEquals(1, cli.awaitExit(RUN), cli.output());
      assertTrue(cli.output().contains("distlock locks: cannot read from Redis at redis://127.0.0.1:1/0"),
          cli.output());
    }
  }

  @Test
  void doctorSendsEveryProtocolCommandAndReportsRoundTripAndClock() {
    try (RunningJvm cli = cli("doctor", "redis.url=" + redis.url(), "keyPrefix=app:").start()) {
      assertEquals(0, cli.awaitExit(RUN), cli.output());
      String output = cli.output();
      System.out.println("CLI doctor\n" + String.join("\n", cli.stdoutLines()));
      for (String check : List.of("connect and authenticate", "acquire: SET NX PX", "SCRIPT LOAD release",
          "renew: EVALSHA \\(pexpire\\)", "fencing token: EVALSHA \\(incr\\)", "release: EVALSHA \\(del\\)",
          "release after NOSCRIPT: EVAL \\(del\\)", "round trip .*", "clock offset \\(TIME\\)")) {
        assertTrue(Pattern.compile("(?m)^" + check + " +ok ").matcher(output).find(), check + ":\n" + output);
      }
      assertTrue(output.contains("use lockAtLeastFor >= "), output);
    }
  }

  @Test
  void doctorNamesTheCommandsAnAclUserMayNotSend() {
    try (RespClient client = redis.client()) {
      client.command("ACL", "SETUSER", "limited", "on", ">limited-pw", "~app:*", "+@all", "-evalsha");
      try (RunningJvm cli = cli("doctor", "redis.url=" + redis.url(), "redis.username=limited", "keyPrefix=app:")
          .env("REDIS_PASSWORD", "limited-pw").start()) {
        assertEquals(1, cli.awaitExit(RUN), cli.output());
        String output = cli.output();
        System.out.println("CLI doctor (ACL user without evalsha)\n" + String.join("\n", cli.stdoutLines()));
        assertTrue(Pattern.compile("(?m)^renew: EVALSHA \\(pexpire\\) +FAILED +NOPERM .*'evalsha'").matcher(output)
            .find(), output);
        assertTrue(Pattern.compile("(?m)^acquire: SET NX PX +ok ").matcher(output).find(), output);
        assertFalse(output.contains("limited-pw"), "no secret in the output");
      }
      try (RunningJvm cli = cli("doctor", "redis.url=" + redis.url(), "redis.username=limited")
          .env("REDIS_PASSWORD", "wrong-pw").start()) {
        assertEquals(1, cli.awaitExit(RUN), cli.output());
        assertTrue(Pattern.compile("(?m)^connect and authenticate +FAILED +.*WRONGPASS").matcher(cli.output()).find(),
            cli.output());
      } finally {
        client.command("ACL", "DELUSER", "limited");
      }
    }
  }

  @Test
  void scanListsTheLockSitesOfASpringBootJarAndFlagsWhatTheAgentWouldReject() throws IOException {
    // One job class sits in BOOT-INF/classes; the other, and the interface a rule names, in a library jar nested in
    // BOOT-INF/lib.
    Path app = BootFatJar.at(dir.resolve("app.jar")).start(BootJobApp.class)
        .classes(AppSupport.class, CleanupJob.class)
        .lib(BootFatJar.plainJar(dir.resolve("vendor-api.jar"), VendorJob.class, ReportJob.class))
        .lib(BootFatJar.annotationsJar(dir.resolve("distlock-annotations.jar"))).build();
    Path rules = dir.resolve("distlock.yml");
    Files.write(rules, List.of(
        "locks:",
        "  - method: io.github.distlock.it.apps.legacy.ReportJob#run",
        "    key: legacy:report",
        "    ttl: 10m",
        "    lockAtLeastFor: 4m",
        "  - method: io.github.distlock.it.apps.legacy.VendorJob#execute",
        "    key: \"legacy:{class}\"",
        "    ttl: soon",
        "  - method: io.github.distlock.it.apps.legacy.ReportJob#rnu",
        "    key: legacy:typo"), StandardCharsets.UTF_8);
    try (RunningJvm cli = cli("scan", app.toString(), "config=" + rules, "keyPrefix=app:").start()) {
      assertEquals(1, cli.awaitExit(RUN), cli.output());
      String output = cli.output();
      System.out.println("CLI scan\n" + String.join("\n", cli.stdoutLines()));
      String legacy = Pattern.quote("io.github.distlock.it.apps.legacy.");
      String at = " +" + Pattern.quote(app.toString()) + " +";
      assertLine(output, Pattern.quote("io.github.distlock.it.apps.BootJobApp#job()")
          + " +app:boot:job +30s +0ms +false +open +until return +@DistributedLock" + at + "ok");
      assertLine(output, legacy + "ReportJob#run\\(long\\) +app:legacy:report +10m +4m +false +open +until return +"
          + Pattern.quote("lock rule at " + rules + ":2") + " +" + Pattern.quote(app + "!/BOOT-INF/lib/vendor-api.jar")
          + " +ok");
      assertLine(output, legacy + "CleanupJob#execute\\(long\\) +soon +0 +false +open +until return +"
          + Pattern.quote("lock rule at " + rules + ":6") + at + "PROBLEM");
      assertLine(output, "3 lock sites in [0-9]+ classes \\(3 jars\\)");
      assertLine(output, Pattern.quote("problem: io.github.distlock.it.apps.legacy.CleanupJob#execute: lock rule at "
          + rules + ":6 ttl = \"soon\" is not valid: ") + ".*");
      assertLine(output, Pattern.quote("problem: lock rule at " + rules + ":9 (io.github.distlock.it.apps.legacy"
          + ".ReportJob#rnu) matches no method: io.github.distlock.it.apps.legacy.ReportJob declares run(long)"));
    }
  }

  @Test
  void scanReadsClassesWithoutTheAnnotationsJarAndExitsZeroOnlyWhenAllIsWell() throws IOException {
    Path classes = dir.resolve("classes");
    for (Class<?> type : new Class<?>[] {BootJobApp.class, AppSupport.class}) {
      String name = type.getName().replace('.', '/') + ".class";
      Path file = classes.resolve(name);
      Files.createDirectories(file.getParent());
      try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
        Files.copy(in, file);
      }
    }
    try (RunningJvm cli = cli("scan", classes.toString(), "--json").start()) {
      assertEquals(0, cli.awaitExit(RUN), cli.output());
      assertEquals("{\"ok\":true,\"classes\":2,\"jars\":0,\"sites\":[{\"method\":\"io.github.distlock.it.apps"
          + ".BootJobApp#job()\",\"key\":\"boot:job\",\"ttl\":\"30s\",\"lockAtLeastFor\":\"0ms\",\"keepAlive\":"
          + "\"false\",\"failMode\":\"open\",\"held\":\"until return\",\"declared by\":\"@DistributedLock\","
          + "\"location\":"
          + "\"" + classes + "\",\"status\":\"ok\"}],\"problems\":[],\"warnings\":[]}",
          String.join("", cli.stdoutLines()));
    }
    try (RunningJvm cli = cli("scan", dir.resolve("missing.jar").toString()).start()) {
      assertEquals(1, cli.awaitExit(RUN), cli.output());
      assertTrue(cli.output().contains("distlock scan: " + dir.resolve("missing.jar") + ": no such file or directory"),
          cli.output());
    }
    try (RunningJvm cli = cli("scan").start()) {
      assertEquals(2, cli.awaitExit(RUN), cli.output());
    }
  }

  private static void assertLine(String output, String regex) {
    assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(output).find(), regex + "\nin:\n" + output);
  }

  private static ForkedJvm cli(String... args) {
    return ForkedJvm.agentCommand(args);
  }
}
