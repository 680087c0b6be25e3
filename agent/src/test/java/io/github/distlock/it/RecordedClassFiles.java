package io.github.distlock.it;

import io.github.distlock.it.apps.ByteRecorderAgent;
import io.github.distlock.it.support.ForkedJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The class files a forked JVM received for chosen classes, after distlock had its turn: recorded by
 * {@link ByteRecorderAgent}, a second agent, so a test can tell which classes distlock rewrote and which it left
 * byte-for-byte alone.
 */
final class RecordedClassFiles {

  private final Path jar;
  private final Path recorded;

  private RecordedClassFiles(Path jar, Path recorded) {
    this.jar = jar;
    this.recorded = recorded;
  }

  /** Prepares the recorder agent's jar and an output directory under {@code dir}. */
  static RecordedClassFiles in(Path dir) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ByteRecorderAgent.class.getName());
    manifest.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
    Path jar = dir.resolve("recorder.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // The agent class itself comes from the test class path; the jar only names it.
    }
    return new RecordedClassFiles(jar, Files.createDirectories(dir.resolve("recorded")));
  }

  /** Adds the recorder, after distlock's agent, recording {@code types}. */
  ForkedJvm record(ForkedJvm jvm, Class<?>... types) {
    String names = Arrays.stream(types).map(type -> type.getName().replace('.', '/'))
        .collect(Collectors.joining(","));
    return jvm.jvmArg("-javaagent:" + jar + "=" + recorded + ";" + names);
  }

  /** The bytes the JVM received for {@code type}. */
  byte[] received(Class<?> type) throws IOException {
    return Files.readAllBytes(recorded.resolve(type.getName() + ".class"));
  }

  /** {@code type}'s class file as javac wrote it. */
  static byte[] compiled(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }
}
