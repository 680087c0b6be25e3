package io.github.distlock.agent.core.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.utility.StreamDrainer;

/**
 * The class files of an application as it is shipped: a directory of classes and jars, a jar, or a Spring Boot or
 * WAR archive, whose own classes sit under {@code BOOT-INF/classes/} or {@code WEB-INF/classes/} and whose
 * libraries are jars inside it. A nested jar is copied to a temporary file, deleted on close, so that it can be
 * read like any other. When two places hold a class of the same name, the first found is the one scanned, as a
 * class path would have it: the application's own classes before its libraries. Only base classes are read, not
 * the Java-version-specific variants of a multi-release jar.
 */
final class AppClassFiles implements Closeable {

  private static final String[] CLASS_ROOTS = {"BOOT-INF/classes/", "WEB-INF/classes/"};

  private final Map<String, ClassFile> byName = new LinkedHashMap<>();
  private final List<ZipFile> archives = new ArrayList<>();
  private final List<Path> copies = new ArrayList<>();
  private Path copiesDir;

  private AppClassFiles() {}

  /** Indexes the class files at {@code path}; fails with a message naming the path when it cannot be read. */
  static AppClassFiles of(Path path) throws IOException {
    AppClassFiles files = new AppClassFiles();
    try {
      if (Files.isDirectory(path)) {
        files.addDirectory(path);
      } else if (Files.isRegularFile(path)) {
        files.addJar(path, path.toString(), true);
      } else {
        throw new IOException(path + ": no such file or directory");
      }
    } catch (IOException | RuntimeException e) {
      try {
        files.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return files;
  }

  /** Internal names ({@code com/acme/Job}), in the order found. */
  Set<String> names() {
    return Collections.unmodifiableSet(byName.keySet());
  }

  /** Where the class is: the directory, the jar, or the jar inside a jar. */
  String location(String internalName) {
    return byName.get(internalName).location;
  }

  byte[] read(String internalName) throws IOException {
    return byName.get(internalName).read();
  }

  /** How many jars were read, nested ones included. */
  int jars() {
    return archives.size();
  }

  /** The application's classes, then the JDK's, for following a class's supertypes. */
  ClassFileLocator locator() {
    return new ClassFileLocator.Compound(new Locator(), ClassFileLocator.ForClassLoader.ofBootLoader());
  }

  // Classes first, then jars, as a class path lists an application's classes before its libraries. A class is
  // named by its class file, not its path: the directory given may be target/ as well as target/classes/.
  private void addDirectory(Path root) throws IOException {
    List<Path> found;
    try (Stream<Path> walk = Files.walk(root)) {
      found = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    for (Path file : found) {
      String path = file.toString();
      if (path.endsWith(".class") && !path.endsWith("module-info.class") && !isVersioned(root, file)) {
        String name;
        try {
          name = new ClassReader(Files.readAllBytes(file)).getClassName();
        } catch (RuntimeException e) {
          throw new IOException(file + " is not a class file: " + e, e);
        }
        byName.putIfAbsent(name, new ClassFile(root.toString(), file, null, null));
      }
    }
    for (Path file : found) {
      if (file.toString().endsWith(".jar") || file.toString().endsWith(".war")) {
        addJar(file, file.toString(), true);
      }
    }
  }

  private static boolean isVersioned(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/")
        .contains("META-INF/versions/");
  }

  private void addJar(Path jar, String location, boolean outer) throws IOException {
    ZipFile zip;
    try {
      zip = new ZipFile(jar.toFile());
    } catch (ZipException e) {
      throw new IOException(location + " is neither a directory nor a jar: " + e.getMessage(), e);
    }
    archives.add(zip);
    List<ZipEntry> nested = new ArrayList<>();
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      ZipEntry entry = entries.nextElement();
      if (entry.isDirectory()) {
        continue;
      }
      if (entry.getName().endsWith(".class")) {
        add(entry.getName(), new ClassFile(location, null, zip, entry));
      } else if (outer && entry.getName().endsWith(".jar")) {
        nested.add(entry);
      }
    }
    for (ZipEntry entry : nested) {
      if (copiesDir == null) {
        copiesDir = Files.createTempDirectory("distlock-scan-");
        copiesDir.toFile().deleteOnExit();
      }
      Path copy = Files.createTempFile(copiesDir, "nested-", ".jar");
      // Should the command be interrupted before close, the JVM still removes the copies as it exits.
      copy.toFile().deleteOnExit();
      copies.add(copy);
      try (InputStream in = zip.getInputStream(entry)) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      addJar(copy, location + "!/" + entry.getName(), false);
    }
  }

  private void add(String path, ClassFile file) {
    String name = path;
    for (String root : CLASS_ROOTS) {
      if (name.startsWith(root)) {
        name = name.substring(root.length());
      }
    }
    if (name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
      return;
    }
    byName.putIfAbsent(name.substring(0, name.length() - ".class".length()), file);
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (ZipFile zip : archives) {
      try {
        zip.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    for (Path copy : copies) {
      try {
        Files.deleteIfExists(copy);
      } catch (IOException e) {
        failure = e;
      }
    }
    if (copiesDir != null) {
      try {
        Files.deleteIfExists(copiesDir);
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** One class file: a file of a directory, or an entry of a jar. */
  private static final class ClassFile {
    final String location;
    final Path file;
    final ZipFile zip;
    final ZipEntry entry;

    ClassFile(String location, Path file, ZipFile zip, ZipEntry entry) {
      this.location = location;
      this.file = file;
      this.zip = zip;
      this.entry = entry;
    }

    byte[] read() throws IOException {
      if (file != null) {
        return Files.readAllBytes(file);
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return StreamDrainer.DEFAULT.drain(in);
      }
    }
  }

  private final class Locator implements ClassFileLocator {
    @Override
    public Resolution locate(String name) throws IOException {
      ClassFile file = byName.get(name.replace('.', '/'));
      return file == null ? new Resolution.Illegal(name) : new Resolution.Explicit(file.read());
    }

    @Override
    public void close() {}
  }
}
