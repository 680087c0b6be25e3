package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.distlock.it.apps.BridgeMethodsApp;
import io.github.distlock.it.apps.BridgeMethodsApp.AbstractSupplier;
import io.github.distlock.it.apps.BridgeMethodsApp.EmptyKeySupplier;
import io.github.distlock.it.apps.BridgeMethodsApp.InterfaceSupplier;
import io.github.distlock.it.apps.BridgeMethodsApp.SupplierJob;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * javac copies a method's annotations onto the bridge methods it generates for it. Those only forward to the
 * method written, so they are never lock sites and never reported: one site, or one report, per method written,
 * and a class whose only annotated method has no body is left as it is, bridge or not.
 */
class BridgeMethodsIT {

  private static final Duration RUN = Duration.ofSeconds(60);

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @TempDir static Path dir;

  // One run serves every test: they read different parts of the same output.
  private static RecordedClassFiles recorder;
  private static List<String> output;
  private static Map<String, String> results;

  @BeforeAll
  static void runApp() throws IOException {
    recorder = RecordedClassFiles.in(dir);
    ForkedJvm jvm = ForkedJvm.main(BridgeMethodsApp.class)
        .withAgent("redis.url=" + redis.url() + ",keyPrefix=it:,logLevel=debug");
    try (RunningJvm app = recorder.record(jvm, SupplierJob.class, AbstractSupplier.class, InterfaceSupplier.class)
        .start()) {
      assertEquals(0, app.awaitExit(RUN), "exit status");
      output = app.lines();
      results = app.results();
    }
  }

  @Test
  void aMethodWithABridgeIsOneLockSiteAndACallThroughTheBridgeIsLocked() {
    String name = SupplierJob.class.getName();
    assertEquals(List.of("[distlock] DEBUG lock site " + name + "#get()Ljava/lang/String; -> it:bridge:supplier"),
        lines("[distlock] DEBUG lock site " + name + "#"));
    assertEquals("true", results.get("viaInterface"), "called through Supplier.get, the bridge");
    assertEquals("true", results.get("direct"));
  }

  @Test
  void bridgesNextToAnAbstractOrInterfaceMethodAreNeitherLockSitesNorReported() throws IOException {
    for (Class<?> type : List.of(AbstractSupplier.class, InterfaceSupplier.class)) {
      String name = type.getName();
      assertEquals(List.of(), lines("[distlock] DEBUG lock site " + name), name + " has no lock site");
      assertEquals(1, lines("[distlock] WARN " + name + "#get: @DistributedLock on").size(),
          name + "#get is reported once");
      assertArrayEquals(RecordedClassFiles.compiled(type), recorder.received(type),
          name + " has nothing to lock and reaches the JVM unchanged");
    }
    assertEquals("ran", results.get("abstractImpl"));
    assertEquals("ran", results.get("interfaceImpl"));
    // The control: the recorder does see the rewrite of the class that has a lock.
    assertFalse(Arrays.equals(RecordedClassFiles.compiled(SupplierJob.class), recorder.received(SupplierJob.class)));
  }

  @Test
  void anUnusableAnnotationIsReportedOnceNotAgainForItsBridge() {
    assertEquals(1, lines("[distlock] ERROR " + EmptyKeySupplier.class.getName()
        + "#get: @DistributedLock key is empty").size());
    assertEquals("ran", results.get("emptyKey"), "fail-open runs it");
  }

  private static List<String> lines(String prefix) {
    return output.stream().filter(line -> line.startsWith(prefix)).toList();
  }
}
