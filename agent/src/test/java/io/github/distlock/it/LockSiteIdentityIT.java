package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.DistributedLock;
import io.github.distlock.it.apps.RetransformedJobApp;
import io.github.distlock.it.apps.RetransformingAgent;
import io.github.distlock.it.apps.SameNamedClassesApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock site is a method of a class loader, not a class name: two applications in one JVM (two web apps, a
 * devtools restart) with a same-named class each lock with their own annotation values, while the same class
 * transformed again keeps its site.
 */
class LockSiteIdentityIT {

  private static final Duration RUN = Duration.ofSeconds(60);
  private static final String FIRST_KEY = "it:samename:first";
  private static final String SECOND_KEY = "it:samename:second";

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void eachClassLoadersClassLocksItsOwnKeyWithItsOwnTtl(@TempDir Path dir) throws Exception {
    Path first = compileJob(dir.resolve("first"), "samename:first", "30s");
    Path second = compileJob(dir.resolve("second"), "samename:second", "10s");
    try (RunningJvm app = ForkedJvm.main(SameNamedClassesApp.class)
        .withAgent("redis.url=" + redis.url() + ",keyPrefix=it:")
        .args(redis.host(), Integer.toString(redis.port()), first.toString(), second.toString())
        .start()) {
      assertEquals(0, app.awaitExit(RUN), "exit status");
      Map<String, String> results = app.results();
      assertEquals("true", results.get("app1.locked"));
      assertEquals(List.of(FIRST_KEY), lockKeys(results.get("app1.keys")), "held while the first app's job ran");
      assertTtlBetween(results.get("app1.pttl." + FIRST_KEY), 10_000, 30_000);
      assertEquals("true", results.get("app2.locked"));
      assertEquals(List.of(SECOND_KEY), lockKeys(results.get("app2.keys")), "held while the second app's job ran");
      assertTtlBetween(results.get("app2.pttl." + SECOND_KEY), 0, 10_000);
    }
  }

  @Test
  void aRetransformedClassKeepsItsLockSite(@TempDir Path dir) throws IOException {
    Path retransformer = AgentJars.premainOnly(dir, RetransformingAgent.class);
    try (RunningJvm app = ForkedJvm.main(RetransformedJobApp.class)
        .withAgent("redis.url=" + redis.url() + ",logLevel=debug")
        .jvmArg("-javaagent:" + retransformer)
        .start()) {
      assertEquals(0, app.awaitExit(RUN), "exit status");
      Map<String, String> results = app.results();
      assertEquals("true", results.get("before.locked"));
      assertEquals("true", results.get("retransformed"));
      assertEquals("true", results.get("after.locked"));
      String name = RetransformedJobApp.class.getName();
      assertEquals(2, count(app, "[distlock] DEBUG instrumented " + name), "woven at loading and again");
      assertEquals(1, count(app, "[distlock] DEBUG lock site " + name + "#job(Ljava/lang/String;)V -> retransformed"),
          "one site");
    }
  }

  private static long count(RunningJvm app, String line) {
    return app.lines().stream().filter(line::equals).count();
  }

  /** Of the keys Redis held, the two lock keys (Redis also holds other keys, such as fencing counters). */
  private static List<String> lockKeys(String heldKeys) {
    return Arrays.stream(heldKeys.split(",")).filter(key -> key.equals(FIRST_KEY) || key.equals(SECOND_KEY))
        .toList();
  }

  private static void assertTtlBetween(String pttl, long above, long atMost) {
    long millis = Long.parseLong(pttl);
    assertTrue(millis > above && millis <= atMost, "pttl " + millis + " in (" + above + ", " + atMost + "]");
  }

  /** Compiles this application's build of the job class into {@code out}. */
  private static Path compileJob(Path out, String key, String ttl) throws IOException, URISyntaxException {
    Path source = Files.createDirectories(out.resolve("src/samename")).resolve("SameNamedJob.java");
    Files.writeString(source, String.join("\n",
        "package samename;",
        "",
        "public final class SameNamedJob implements Runnable {",
        "  private final Runnable probe;",
        "",
        "  public SameNamedJob(Runnable probe) {",
        "    this.probe = probe;",
        "  }",
        "",
        "  @io.github.distlock.DistributedLock(key = \"" + key + "\", ttl = \"" + ttl + "\")",
        "  @Override",
        "  public void run() {",
        "    probe.run();",
        "  }",
        "}",
        ""));
    Path classes = Files.createDirectories(out.resolve("classes"));
    Path annotations = Paths.get(DistributedLock.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, List.of("--release", "17", "-cp", annotations.toString(),
        "-d", classes.toString(), source.toString()).toArray(new String[0]));
    assertEquals(0, status, "javac status");
    return classes;
  }
}
