package io.github.distlock.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code redis-server} 6.2 binary that the {@code com.github.codemonstur:embedded-redis} jar carries for Linux
 * and macOS, copied out once per JVM: the tests' Redis where the machine has neither a {@code redis-server} nor
 * Docker, and the second Redis version the core suite runs against.
 */
final class EmbeddedRedisBinary {

  private static Path extracted;

  private EmbeddedRedisBinary() {}

  /** The binary for this OS and architecture, or empty where the jar has none. */
  static synchronized Optional<Path> path() {
    if (extracted != null) {
      return Optional.of(extracted);
    }
    String resource = resourceName();
    if (resource == null) {
      return Optional.empty();
    }
    try (InputStream in = EmbeddedRedisBinary.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        return Optional.empty();
      }
      Path file = Files.createTempFile("distlock-redis-server-6.2-", "");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      if (!file.toFile().setExecutable(true)) {
        throw new IllegalStateException("cannot make " + file + " executable");
      }
      extracted = file;
      return Optional.of(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resourceName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    if (os.contains("linux")) {
      return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
    }
    if (os.contains("mac")) {
      return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
    }
    return null;
  }
}
