package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.distlock.DistributedLock;
import io.github.distlock.it.apps.AppSupport;
import io.github.distlock.it.apps.BootJobApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.launch.JarLauncher;

/**
 * A Spring Boot executable jar: the job class sits in {@code BOOT-INF/classes}, the annotations jar nested in
 * {@code BOOT-INF/lib}, both loaded by Boot's launcher class loader, which the agent has never heard of.
 */
class SpringBootFatJarIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void aJobInsideASpringBootFatJarIsLocked(@TempDir Path dir) throws Exception {
    Path fatJar = buildFatJar(dir.resolve("app.jar"));
    try (RunningJvm app = ForkedJvm.jar(fatJar).withAgent("redis.url=" + redis.url()).start()) {
      assertEquals(0, app.awaitExit(Duration.ofSeconds(60)));
      Map<String, String> results = app.results();
      assertEquals("org.springframework.boot.loader.launch.LaunchedClassLoader", results.get("bootLoader"));
      assertEquals("true", results.get("bootLocked"));
    }
  }

  private static Path buildFatJar(Path target) throws IOException, URISyntaxException {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.put(Attributes.Name.MAIN_CLASS, JarLauncher.class.getName());
    attributes.put(new Attributes.Name("Start-Class"), BootJobApp.class.getName());
    attributes.put(new Attributes.Name("Spring-Boot-Classes"), "BOOT-INF/classes/");
    attributes.put(new Attributes.Name("Spring-Boot-Lib"), "BOOT-INF/lib/");
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(file, manifest)) {
      copyLoaderClasses(codeSource(JarLauncher.class), jar);
      // Boot resolves BOOT-INF/classes/ as a directory inside the jar, so the directory entries must exist.
      String packageDir = BootJobApp.class.getPackageName().replace('.', '/') + "/";
      String dir = "BOOT-INF/classes/";
      for (String directory : new String[] {"BOOT-INF/", dir, "BOOT-INF/lib/"}) {
        putDirectory(jar, directory);
      }
      StringBuilder path = new StringBuilder(dir);
      for (String segment : packageDir.split("/")) {
        putDirectory(jar, path.append(segment).append('/').toString());
      }
      for (Class<?> type : new Class<?>[] {BootJobApp.class, AppSupport.class}) {
        String name = type.getName().replace('.', '/') + ".class";
        jar.putNextEntry(new JarEntry(dir + name));
        try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(jar);
        }
        jar.closeEntry();
      }
      Path annotations = annotationsJar(target.resolveSibling("distlock-annotations.jar"));
      putStored(jar, "BOOT-INF/lib/distlock-annotations.jar", Files.readAllBytes(annotations));
    }
    return target;
  }

  private static void copyLoaderClasses(Path loaderJar, JarOutputStream out) throws IOException {
    try (JarFile loader = new JarFile(loaderJar.toFile())) {
      for (Enumeration<JarEntry> entries = loader.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().startsWith("org/") && !entry.isDirectory()) {
          out.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream in = loader.getInputStream(entry)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
  }

  private static void putDirectory(JarOutputStream jar, String name) throws IOException {
    jar.putNextEntry(new JarEntry(name));
    jar.closeEntry();
  }

  // Boot opens nested jars in place, which it can only do for entries stored without compression.
  private static void putStored(JarOutputStream jar, String name, byte[] content) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setCrc(crc.getValue());
    jar.putNextEntry(entry);
    jar.write(content);
    jar.closeEntry();
  }

  // In a reactor build the annotations are a classes directory, not a jar: package it the way Boot expects.
  private static Path annotationsJar(Path target) throws IOException, URISyntaxException {
    Path source = codeSource(DistributedLock.class);
    if (Files.isRegularFile(source)) {
      return source;
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(file, manifest);
        var classes = Files.walk(source)) {
      for (Path path : (Iterable<Path>) classes.filter(Files::isRegularFile)::iterator) {
        jar.putNextEntry(new JarEntry(source.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, jar);
        jar.closeEntry();
      }
    }
    return target;
  }

  private static Path codeSource(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
