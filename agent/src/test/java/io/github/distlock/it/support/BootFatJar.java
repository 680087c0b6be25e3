package io.github.distlock.it.support;

import io.github.distlock.DistributedLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.springframework.boot.loader.launch.JarLauncher;

/**
 * A Spring Boot executable jar laid out as Boot's build plugins write it: Boot's launcher at the root, the
 * application's classes under {@code BOOT-INF/classes/}, its libraries as jars stored under {@code BOOT-INF/lib/}.
 */
public final class BootFatJar {

  private static final String CLASSES = "BOOT-INF/classes/";
  private static final String LIB = "BOOT-INF/lib/";

  private final Path target;
  private Class<?> startClass;
  private final List<Class<?>> classes = new ArrayList<>();
  private final Map<String, Path> libs = new LinkedHashMap<>();

  private BootFatJar(Path target) {
    this.target = target;
  }

  public static BootFatJar at(Path target) {
    return new BootFatJar(target);
  }

  /** The class Boot's launcher runs; it is also put under {@code BOOT-INF/classes/}. */
  public BootFatJar start(Class<?> type) {
    this.startClass = type;
    return classes(type);
  }

  public BootFatJar classes(Class<?>... types) {
    classes.addAll(List.of(types));
    return this;
  }

  public BootFatJar lib(Path jar) {
    libs.put(jar.getFileName().toString(), jar);
    return this;
  }

  public Path build() {
    Manifest manifest = manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MAIN_CLASS, JarLauncher.class.getName());
    if (startClass != null) {
      attributes.put(new Attributes.Name("Start-Class"), startClass.getName());
    }
    attributes.put(new Attributes.Name("Spring-Boot-Classes"), CLASSES);
    attributes.put(new Attributes.Name("Spring-Boot-Lib"), LIB);
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(file, manifest)) {
      copyLoaderClasses(codeSource(JarLauncher.class), jar);
      // Boot resolves BOOT-INF/classes/ as a directory inside the jar, so the directory entries must exist.
      TreeSet<String> directories = new TreeSet<>(List.of("BOOT-INF/", CLASSES, LIB));
      for (Class<?> type : classes) {
        StringBuilder path = new StringBuilder(CLASSES);
        for (String segment : type.getPackageName().split("\\.")) {
          directories.add(path.append(segment).append('/').toString());
        }
      }
      for (String directory : directories) {
        jar.putNextEntry(new JarEntry(directory));
        jar.closeEntry();
      }
      for (Class<?> type : classes) {
        putClass(jar, CLASSES, type);
      }
      for (Map.Entry<String, Path> lib : libs.entrySet()) {
        putStored(jar, LIB + lib.getKey(), Files.readAllBytes(lib.getValue()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** A plain jar of these classes, as a library of the application. */
  public static Path plainJar(Path target, Class<?>... types) {
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(file, manifest())) {
      for (Class<?> type : types) {
        putClass(jar, "", type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /**
   * The annotations jar. In a reactor build the annotations are a classes directory, not a jar: it is then
   * packaged at {@code target}.
   */
  public static Path annotationsJar(Path target) {
    Path source = codeSource(DistributedLock.class);
    if (Files.isRegularFile(source)) {
      return source;
    }
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(file, manifest());
        Stream<Path> classes = Files.walk(source)) {
      for (Path path : (Iterable<Path>) classes.filter(Files::isRegularFile)::iterator) {
        jar.putNextEntry(new JarEntry(source.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, jar);
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private static Manifest manifest() {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    return manifest;
  }

  private static void putClass(JarOutputStream jar, String root, Class<?> type) throws IOException {
    String name = type.getName().replace('.', '/') + ".class";
    jar.putNextEntry(new JarEntry(root + name));
    try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
      in.transferTo(jar);
    }
    jar.closeEntry();
  }

  private static void copyLoaderClasses(Path loaderJar, JarOutputStream out) throws IOException {
    try (JarFile loader = new JarFile(loaderJar.toFile())) {
      for (Enumeration<JarEntry> entries = loader.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().startsWith("org/") && !entry.isDirectory()) {
          out.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream in = loader.getInputStream(entry)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
  }

  // Boot opens nested jars in place, which it can only do for entries stored without compression.
  private static void putStored(JarOutputStream jar, String name, byte[] content) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setCrc(crc.getValue());
    jar.putNextEntry(entry);
    jar.write(content);
    jar.closeEntry();
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
