package io.github.distlock.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent core and its dependencies (Byte Buddy, Lettuce, Netty, Reactor, SnakeYAML) from the agent jar's
 * {@code inst/} entries. They are stored as {@code .classdata}, so neither the application's class loader nor a
 * classpath scanner or {@code ServiceLoader} ever finds them, and an app can ship its own versions of each.
 */
final class AgentClassLoader extends ClassLoader {

  private static final String PREFIX = "inst/";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain protectionDomain;
  /**
   * Holds each class file while it is defined: the first lock loads some 2,500 classes, and an array apiece was
   * megabytes of garbage in a heap the application had not needed yet (resident memory the JVM rarely returns).
   */
  private final AtomicBoolean shared = new AtomicBoolean();
  private byte[] buffer = new byte[64 * 1024];

  AgentClassLoader(JarFile jar, URL jarLocation, ClassLoader parent) {
    super(parent);
    this.jar = jar;
    this.jarUrl = jarLocation.toExternalForm();
    this.protectionDomain = new ProtectionDomain(new CodeSource(jarLocation, (Certificate[]) null), null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    definePackageOf(name);
    try {
      // A concurrent load, or one nested in this definition (its superclass), reads into an array of its own.
      if (entry.getSize() >= 0 && shared.compareAndSet(false, true)) {
        try {
          int length = readInto(entry);
          return defineClass(name, buffer, 0, length, protectionDomain);
        } finally {
          shared.set(false);
        }
      }
      byte[] bytes = read(jar, entry);
      return defineClass(name, bytes, 0, bytes.length, protectionDomain);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  /** Reads the entry, of known size, into the shared buffer, growing it if needed; only while holding it. */
  private int readInto(JarEntry entry) throws IOException {
    int size = (int) entry.getSize();
    if (buffer.length < size) {
      buffer = new byte[size];
    }
    try (InputStream in = jar.getInputStream(entry)) {
      fill(in, buffer, size, entry.getName());
    }
    return size;
  }

  @Override
  protected URL findResource(String name) {
    String entryName = entryName(name);
    if (jar.getJarEntry(entryName) == null) {
      return null;
    }
    try {
      return new URL("jar:" + jarUrl + "!/" + entryName);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singleton(url));
  }

  // Byte Buddy reads advice classes as resources ("x/Y.class"); they live under their renamed entry.
  private static String entryName(String resource) {
    return resource.endsWith(".class")
        ? PREFIX + resource.substring(0, resource.length() - ".class".length()) + ".classdata"
        : PREFIX + resource;
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot < 0) {
      return;
    }
    String packageName = className.substring(0, dot);
    synchronized (this) {
      if (getPackage(packageName) == null) {
        definePackage(packageName, null, null, null, null, null, null, null);
      }
    }
  }

  /** The entry's bytes, read into one array of its recorded size. */
  static byte[] read(JarFile jar, JarEntry entry) throws IOException {
    long size = entry.getSize();
    try (InputStream in = jar.getInputStream(entry)) {
      if (size < 0 || size > Integer.MAX_VALUE) {
        return readUnsized(in);
      }
      byte[] bytes = new byte[(int) size];
      fill(in, bytes, bytes.length, entry.getName());
      return bytes;
    }
  }

  private static void fill(InputStream in, byte[] bytes, int length, String entryName) throws IOException {
    int filled = 0;
    while (filled < length) {
      int n = in.read(bytes, filled, length - filled);
      if (n < 0) {
        throw new IOException(entryName + " is shorter than its recorded size");
      }
      filled += n;
    }
  }

  private static byte[] readUnsized(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    byte[] buffer = new byte[4096];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
