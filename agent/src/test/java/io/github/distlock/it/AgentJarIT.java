package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.support.ForkedJvm;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The agent jar as README's compatibility section describes it: its classes stored rather than compressed, so
 * that the JVM reads the agent's classes at the first lock without inflating them.
 */
class AgentJarIT {

  @Test
  void theAgentsClassesAreStoredNotCompressed() throws IOException {
    try (ZipFile jar = new ZipFile(System.getProperty(ForkedJvm.AGENT_JAR_PROPERTY))) {
      List<ZipEntry> classes = jar.stream().filter(entry -> entry.getName().endsWith(".classdata"))
          .collect(Collectors.toList());
      assertTrue(classes.size() > 1000, "the core and its libraries: " + classes.size() + " classes");
      List<String> compressed = classes.stream().filter(entry -> entry.getMethod() != ZipEntry.STORED)
          .map(ZipEntry::getName).collect(Collectors.toList());
      assertEquals(List.of(), compressed);
    }
  }
}
