package io.github.distlock.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jars for the tests' own helper agents, which run next to distlock's in a forked JVM. */
final class AgentJars {

  private AgentJars() {}

  /**
   * A jar whose manifest names {@code premainClass} and allows retransformation. It holds no classes: the agent
   * class comes from the test class path, which the forked JVM has as well.
   */
  static Path premainOnly(Path dir, Class<?> premainClass) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), premainClass.getName());
    manifest.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
    Path jar = dir.resolve(premainClass.getSimpleName() + ".jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      return jar;
    }
  }
}
