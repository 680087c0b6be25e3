package io.github.distlock.agent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's packages form layers, each importing only the ones below it, so that a package can be read, tested and
 * replaced with what is under it alone: the wiring at the root; the operator's commands; the dashboard they serve;
 * the instrumentation and the result kinds it weaves; the lastHolder policy; the lock runtime; the site model; the
 * Redis store; the store contract; metrics; the run history model; configuration; the log and threads every layer
 * uses. The lock side's packages never see the Redis client's types.
 */
class PackageLayersTest {

  private static final String CORE = "io.github.distlock.agent.core";
  /** Top to bottom; "" is the root package. */
  private static final List<String> LAYERS = List.of("", "cli", "dashboard", "instrument", "instrument.result",
      "lastholder", "lock", "site", "redis", "store", "metrics", "history", "config", "base");
  private static final List<String> CLIENT_FREE = List.of("lastholder", "lock", "site", "store", "history");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
  private static final Path SOURCES = Paths.get("src/main/java/io/github/distlock/agent/core");

  @Test
  void everyPackageImportsOnlyThePackagesBelowIt() throws IOException {
    List<String> upward = new ArrayList<>();
    for (Path file : sources()) {
      String layer = layerOf(file);
      assertTrue(LAYERS.contains(layer), file + " is in a package the layers do not list: " + layer);
      for (String imported : imports(file)) {
        if (imported.startsWith(CORE + ".")) {
          String target = layerOf(imported);
          if (LAYERS.indexOf(target) < LAYERS.indexOf(layer)) {
            upward.add(file.getFileName() + " (" + layer + ") imports " + imported);
          }
        }
      }
    }
    assertEquals(List.of(), upward);
  }

  @Test
  void theLockSideNeverSeesTheRedisClient() throws IOException {
    List<String> leaks = new ArrayList<>();
    for (Path file : sources()) {
      if (CLIENT_FREE.contains(layerOf(file))) {
        for (String imported : imports(file)) {
          if (imported.startsWith("io.lettuce.") || imported.startsWith("io.netty.")) {
            leaks.add(file.getFileName() + " imports " + imported);
          }
        }
      }
    }
    assertEquals(List.of(), leaks);
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> sources = new ArrayList<>();
      files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
      assertTrue(sources.size() > 100, "the core's sources, from " + SOURCES.toAbsolutePath());
      return sources;
    }
  }

  private static String layerOf(Path file) {
    return SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
  }

  /** The layer of an imported class, nested ones included: the longest layer its name starts with. */
  private static String layerOf(String imported) {
    String best = "";
    for (String layer : LAYERS) {
      if (imported.startsWith(CORE + "." + layer + ".") && layer.length() > best.length()) {
        best = layer;
      }
    }
    return best;
  }

  private static List<String> imports(Path file) throws IOException {
    Matcher matcher = IMPORT.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    List<String> imports = new ArrayList<>();
    while (matcher.find()) {
      imports.add(matcher.group(1));
    }
    return imports;
  }
}
