package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.distlock.it.apps.ByteRecorderApp;
import io.github.distlock.it.apps.LockedJob;
import io.github.distlock.it.apps.MethodKindsApp;
import io.github.distlock.it.apps.MisusedAnnotationsApp;
import io.github.distlock.it.apps.PlainJob;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Which methods and classes the agent rewrites, and how it reports annotations it cannot apply. */
class InstrumentationIT {

  private static final Duration RUN = Duration.ofSeconds(60);

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void staticInstancePrivateFinalAndSynchronizedMethodsAllRunUnderTheLock() {
    Map<String, String> results = run(ForkedJvm.main(MethodKindsApp.class), "");
    for (String kind : new String[] {"static", "instance", "private", "final", "synchronized"}) {
      assertEquals("true", results.get(kind), kind + " method body held the lock");
    }
    assertEquals("false", results.get("lambdaBodyLocked"), "a lambda created inside a locked method is not locked");
  }

  @Test
  void aClassFromAnIsolatedClassLoaderIsLockedToo() {
    Map<String, String> results = run(ForkedJvm.main(MethodKindsApp.class), "");
    assertEquals("isolated", results.get("isolatedLoader"));
    assertEquals("true", results.get("isolated"));
  }

  @Test
  void annotationsWithoutABodyAreWarnedAboutByName() {
    try (RunningJvm app = start(ForkedJvm.main(MisusedAnnotationsApp.class), "")) {
      assertEquals(0, app.awaitExit(RUN));
      String name = MisusedAnnotationsApp.class.getName();
      app.awaitLine("\\[distlock\\] WARN " + Pattern.quote(name + "$Job#run")
          + ": @DistributedLock on an interface method has no effect", Duration.ZERO);
      app.awaitLine("\\[distlock\\] WARN " + Pattern.quote(name + "$AbstractJob#run")
          + ": @DistributedLock on an abstract method", Duration.ZERO);
      app.awaitLine("\\[distlock\\] WARN " + Pattern.quote(name + "#nativeMethod")
          + ": @DistributedLock on a native method", Duration.ZERO);
      assertEquals("true", app.results().get("interfaceImplRan"));
      assertEquals("true", app.results().get("abstractImplRan"));
    }
  }

  @Test
  void invalidAnnotationValuesAreReportedAndFollowFailModeOpen() {
    try (RunningJvm app = start(ForkedJvm.main(MisusedAnnotationsApp.class), "")) {
      assertEquals(0, app.awaitExit(RUN));
      assertInvalidAnnotationErrors(app, "open");
      assertEquals("true", app.results().get("emptyKeyRan"));
      assertEquals("true", app.results().get("badTtlRan"));
      assertEquals("true", app.results().get("minimumAboveTtlRan"));
    }
  }

  @Test
  void invalidAnnotationValuesFollowFailModeClosed() {
    try (RunningJvm app = start(ForkedJvm.main(MisusedAnnotationsApp.class), ",failMode=closed")) {
      assertEquals(0, app.awaitExit(RUN));
      assertInvalidAnnotationErrors(app, "closed");
      assertNull(app.results().get("emptyKeyRan"));
      assertNull(app.results().get("badTtlRan"));
      assertNull(app.results().get("minimumAboveTtlRan"));
      assertEquals("true", app.results().get("done"));
    }
  }

  @Test
  void classesWithoutALockReachTheJvmByteForByteUnchanged(@TempDir Path dir) throws IOException {
    RecordedClassFiles recorder = RecordedClassFiles.in(dir);
    Map<String, String> results = run(recorder.record(ForkedJvm.main(ByteRecorderApp.class), PlainJob.class,
        LockedJob.class), "");
    assertEquals("42", results.get("plain"));
    assertEquals("42", results.get("locked"));
    assertArrayEquals(RecordedClassFiles.compiled(PlainJob.class), recorder.received(PlainJob.class),
        "PlainJob as the JVM received it");
    // The control: the recorder does see the agent's rewrite of a locked class.
    assertFalse(Arrays.equals(RecordedClassFiles.compiled(LockedJob.class), recorder.received(LockedJob.class)),
        "LockedJob was rewritten");
  }

  @Test
  void onlyClassesReferencingTheAnnotationAreInspected() {
    try (RunningJvm app = start(ForkedJvm.main(MethodKindsApp.class), ",logLevel=debug")) {
      assertEquals(0, app.awaitExit(RUN));
      Set<String> inspected = app.lines().stream()
          .filter(line -> line.startsWith("[distlock] DEBUG inspecting "))
          .map(line -> line.substring("[distlock] DEBUG inspecting ".length(), line.indexOf(':')))
          .collect(Collectors.toCollection(TreeSet::new));
      // Thousands of JDK and application classes load in this JVM; only the two with locks get past the filter.
      assertEquals(new TreeSet<>(Set.of(MethodKindsApp.class.getName(), "io.github.distlock.it.apps.IsolatedJob")),
          inspected);
    }
  }

  private static void assertInvalidAnnotationErrors(RunningJvm app, String failMode) {
    String name = Pattern.quote(MisusedAnnotationsApp.class.getName());
    app.awaitLine("\\[distlock\\] ERROR " + name + "#emptyKey: @DistributedLock key is empty.*failMode="
        + failMode, Duration.ZERO);
    app.awaitLine("\\[distlock\\] ERROR " + name + "#badTtl: @DistributedLock ttl = \"abc\" is not valid: expected"
        + ".*failMode=" + failMode, Duration.ZERO);
    app.awaitLine("\\[distlock\\] ERROR " + name + "#minimumAboveTtl: @DistributedLock lockAtLeastFor = \"5s\""
        + " exceeds ttl.*failMode=" + failMode, Duration.ZERO);
  }

  private static Map<String, String> run(ForkedJvm jvm, String extraAgentArgs) {
    try (RunningJvm app = start(jvm, extraAgentArgs)) {
      assertEquals(0, app.awaitExit(RUN), "exit status");
      assertFalse(app.output().contains("[distlock] ERROR"), "no agent error");
      return app.results();
    }
  }

  private static RunningJvm start(ForkedJvm jvm, String extraAgentArgs) {
    return jvm.withAgent("redis.url=" + redis.url() + extraAgentArgs).start();
  }
}
