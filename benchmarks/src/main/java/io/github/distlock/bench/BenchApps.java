package io.github.distlock.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The small applications under {@code benchmarks/apps}, each built by its own Maven module with its own class
 * path: its jar followed by the {@code target/classpath.txt} its build wrote.
 */
final class BenchApps {

  static final String SPRING_PLAIN = "spring/plain";
  static final String SPRING_SHEDLOCK = "spring/shedlock";
  static final String COLD_REDISSON = "cold/redisson";
  static final String COLD_SHEDLOCK = "cold/shedlock";

  private final Path dir;

  BenchApps(Path dir) {
    this.dir = dir;
  }

  /** The class path to launch {@code module}'s main class with; fails when the module has not been packaged. */
  String classPath(String module) throws IOException {
    Path target = dir.resolve(module).resolve("target");
    Path dependencies = target.resolve("classpath.txt");
    List<Path> jars;
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).toList();
    }
    if (jars.size() != 1 || !Files.isRegularFile(dependencies)) {
      throw new IllegalStateException(target + " holds no single app jar and classpath.txt: build it with"
          + " mvn -B -q package -DskipTests -pl benchmarks -am");
    }
    return jars.get(0) + File.pathSeparator + Files.readString(dependencies, StandardCharsets.UTF_8).trim();
  }
}
