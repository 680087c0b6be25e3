package io.github.distlock.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK that forked test JVMs run on, chosen by the system property {@code distlock.it.jdk} (a major version such
 * as 17 or 25; default: the version running the tests), so one build can test the agent on several JDKs.
 */
public final class TestJdk {

  private static final String PROPERTY = "distlock.it.jdk";
  private static final String EXECUTABLE =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "java.exe" : "java";

  // "1." is optional so that both "1.8.0_392" and "17.0.15" yield their major version.
  private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?(?:1\\.)?(\\d+)");

  private static Path cached;

  private TestJdk() {}

  /** The major Java version this run targets. */
  public static int majorVersion() {
    String requested = System.getProperty(PROPERTY, "").trim();
    if (requested.isEmpty()) {
      return Runtime.version().feature();
    }
    try {
      return Integer.parseInt(requested);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(PROPERTY + " must be a major Java version such as 17, not: " + requested);
    }
  }

  /** The {@code java} launcher of a JDK with {@link #majorVersion()}; throws when none can be found. */
  public static synchronized Path javaExecutable() {
    if (cached == null) {
      cached = find(majorVersion());
    }
    return cached;
  }

  private static Path find(int major) {
    Path running = Paths.get(System.getProperty("java.home"));
    if (Runtime.version().feature() == major) {
      return running.resolve("bin").resolve(EXECUTABLE);
    }
    List<Path> candidates = new ArrayList<>();
    List<String> envVars = List.of("JAVA" + major + "_HOME", "JDK" + major + "_HOME", "JAVA_HOME_" + major + "_X64");
    for (String name : envVars) {
      String value = System.getenv(name);
      if (value != null && !value.isEmpty()) {
        candidates.add(Paths.get(value));
      }
    }
    String home = System.getProperty("user.home");
    List<Path> roots = List.of(Paths.get("/usr/lib/jvm"), Paths.get("/opt/java"), Paths.get("/opt"),
        Paths.get(home, ".sdkman", "candidates", "java"), Paths.get(home, ".jdks"),
        Paths.get("/Library/Java/JavaVirtualMachines"));
    for (Path root : roots) {
      for (Path child : children(root)) {
        candidates.add(child);
        // macOS bundles keep the JDK two levels down.
        candidates.add(child.resolve("Contents").resolve("Home"));
      }
    }
    for (Path candidate : candidates) {
      Path java = candidate.resolve("bin").resolve(EXECUTABLE);
      if (releaseMajor(candidate).orElse(-1) == major && Files.isExecutable(java)) {
        return java;
      }
    }
    throw new IllegalStateException("No JDK " + major + " found (requested by -D" + PROPERTY + "=" + major
        + "). Looked at java.home (" + running + ", Java " + Runtime.version().feature()
        + "), the environment variables " + envVars
        + " and the directories under " + roots + " for a 'release' file with JAVA_VERSION=\"" + major
        + "...\". Install JDK " + major + " or set JAVA" + major + "_HOME to its home directory.");
  }

  private static List<Path> children(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      // An unreadable directory cannot hold the JDK we need; the final error lists it anyway.
      return List.of();
    }
  }

  /** The major version in {@code <home>/release}, reading "1.8.0" as 8. */
  private static OptionalInt releaseMajor(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return OptionalInt.empty();
    }
    try (Stream<String> lines = Files.lines(release)) {
      return lines.map(JAVA_VERSION::matcher)
          .filter(Matcher::find)
          .mapToInt(m -> Integer.parseInt(m.group(1)))
          .findFirst();
    } catch (IOException | UncheckedIOException e) {
      return OptionalInt.empty();
    }
  }
}
