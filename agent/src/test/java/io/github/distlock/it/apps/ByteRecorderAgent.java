package io.github.distlock.it.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * A second agent, attached after distlock, that writes the bytes it receives for named classes to a directory.
 * Retransformation-capable transformers, like distlock's, run in registration order, so registered as one too it
 * sees exactly what distlock handed on to the JVM. Agent argument:
 * {@code <directory>;<class name>,<class name>...} (internal names).
 */
public final class ByteRecorderAgent {

  private ByteRecorderAgent() {}

  public static void premain(String args, Instrumentation instrumentation) {
    String[] parts = args.split(";");
    Path directory = Paths.get(parts[0]);
    Set<String> names = Set.of(parts[1].split(","));
    instrumentation.addTransformer(new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
          ProtectionDomain domain, byte[] bytes) {
        if (names.contains(className)) {
          try {
            Files.write(directory.resolve(className.replace('/', '.') + ".class"), bytes);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return null;
      }
    }, true);
  }
}
