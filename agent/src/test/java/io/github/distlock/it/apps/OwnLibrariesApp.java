package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;
import io.lettuce.core.LettuceVersion;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.util.Version;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.yaml.snakeyaml.Yaml;

/**
 * An application that ships its own, older Lettuce, Netty, SnakeYAML and Byte Buddy, all of which the agent also
 * uses in other versions. The test puts those jars on its class path; compiled against the build's versions, it
 * only calls API that both have. Arguments: Redis host and port. Reports through {@code RESULT} lines which
 * version and jar each library came from and what it did, whether the agent connected to Redis, and what a
 * locked method saw.
 */
public final class OwnLibrariesApp {

  private static final long CONNECT_SECONDS = 20;

  private OwnLibrariesApp() {}

  public static void main(String[] args) throws Exception {
    RedisClient client = RedisClient.create("redis://" + args[0] + ":" + args[1]);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      connection.sync().set("app:own-lettuce", "written by the app's Lettuce");
      AppSupport.result("lettuce.get", connection.sync().get("app:own-lettuce"));
    } finally {
      client.shutdown();
    }
    AppSupport.result("lettuce.version", LettuceVersion.getVersion());
    AppSupport.result("lettuce.jar", jarName(RedisClient.class));
    AppSupport.result("netty.version", Version.identify().get("netty-common").artifactVersion());
    AppSupport.result("netty.jar", jarName(Version.class));

    Map<String, Object> document = new Yaml().load("name: distlock\nitems: [1, 2]\n");
    AppSupport.result("snakeyaml.parsed", document);
    AppSupport.result("snakeyaml.version", bundleVersion(Yaml.class));
    AppSupport.result("snakeyaml.jar", jarName(Yaml.class));

    // Class files of Java 8, which every Byte Buddy version writes, whatever JDK the test runs on.
    Class<?> generated = new ByteBuddy(ClassFileVersion.JAVA_V8)
        .subclass(Object.class)
        .name("io.github.distlock.it.apps.GeneratedByTheApp")
        .method(ElementMatchers.named("toString"))
        .intercept(FixedValue.value("made by the app's Byte Buddy"))
        .make()
        .load(OwnLibrariesApp.class.getClassLoader())
        .getLoaded();
    AppSupport.result("bytebuddy.toString", generated.getDeclaredConstructor().newInstance());
    AppSupport.result("bytebuddy.version", bundleVersion(ByteBuddy.class));
    AppSupport.result("bytebuddy.jar", jarName(ByteBuddy.class));

    // Not AppSupport.awaitConnected(): a failure to connect is a result to report, not a reason to stop.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_SECONDS);
    while (!DistributedLocks.isConnected() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    AppSupport.result("agent.connected", DistributedLocks.isConnected());
    try {
      AppSupport.result("locked", lockedJob());
    } catch (IllegalStateException e) {
      AppSupport.result("locked", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @DistributedLock(key = "isolation", ttl = "10s")
  static String lockedJob() {
    DistributedLocks.assertLocked();
    return "assertLocked passed, fencing token " + DistributedLocks.fencingToken();
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String jarName(Class<?> type) throws URISyntaxException {
    return jarOf(type).getFileName().toString();
  }

  private static String bundleVersion(Class<?> type) throws IOException, URISyntaxException {
    try (JarFile jar = new JarFile(jarOf(type).toFile())) {
      return jar.getManifest().getMainAttributes().getValue(new Attributes.Name("Bundle-Version"));
    }
  }
}
