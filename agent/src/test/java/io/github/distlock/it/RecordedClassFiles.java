package io.github.distlock.it;

import io.github.distlock.it.apps.ByteRecorderAgent;
import io.github.distlock.it.support.ForkedJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
    return new RecordedClassFiles(AgentJars.premainOnly(dir, ByteRecorderAgent.class),
        Files.createDirectories(dir.resolve("recorded")));
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
