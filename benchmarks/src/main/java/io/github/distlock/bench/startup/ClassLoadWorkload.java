package io.github.distlock.bench.startup;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class-loading workload, run in its own JVM: loads (without initialising) every class of every jar in a
 * directory through one class loader and prints how many and how long. Each definition passes through the
 * agent's transformer; nothing else happens, so the agent's share of the time is as large as it can get.
 *
 * <p>The set is loaded twice, each time by a new class loader. The first pass is what an application pays at
 * start-up, the agent's own start-up running alongside; the second pass, with the JIT warm and the agent started,
 * is the steady per-class cost of its transformer.
 *
 * <p>Last, it loads {@link LockedProbe}, the one class with a lock, and times that: with the agent, the first
 * locked class pays for setting up Byte Buddy and weaving. It is also the control that a debug-log count uses to
 * show that the agent does see annotated classes.
 *
 * <p>Arguments: the jar directory and the most classes to load.
 */
public final class ClassLoadWorkload {

  private ClassLoadWorkload() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int max = Integer.parseInt(args[1]);

    List<Path> jars;
    try (Stream<Path> files = Files.list(dir)) {
      jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    }
    List<String> names = new ArrayList<>();
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < jars.size(); i++) {
      urls[i] = jars.get(i).toUri().toURL();
      names.addAll(classNames(jars.get(i)));
    }
    names = names.subList(0, Math.min(max, names.size()));

    int[] counts = new int[2];
    long started = System.nanoTime();
    loadAll(urls, names, counts);
    long loopNanos = System.nanoTime() - started;
    // Wall-clock, so the harness can tell how long the JVM took from its launch to here.
    long endMillis = System.currentTimeMillis();
    started = System.nanoTime();
    loadAll(urls, names, new int[2]);
    long warmLoopNanos = System.nanoTime() - started;
    started = System.nanoTime();
    Class.forName(LockedProbe.class.getName());
    long probeNanos = System.nanoTime() - started;
    System.out.println("loaded=" + counts[0] + " failed=" + counts[1] + " loopNanos=" + loopNanos + " endMillis="
        + endMillis + " warmLoopNanos=" + warmLoopNanos + " probeNanos=" + probeNanos);
  }

  /** Loads every class through a new loader; counts[0] loaded, counts[1] failed. */
  private static void loadAll(URL[] urls, List<String> names, int[] counts) throws IOException {
    // The parent is the platform loader, so every workload class is defined here and reaches the transformer.
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      for (String name : names) {
        try {
          Class.forName(name, false, loader);
          counts[0]++;
        } catch (ClassNotFoundException | LinkageError e) {
          // An optional dependency that is not in the set: the class was still read and transformed.
          counts[1]++;
        }
      }
    }
  }

  private static List<String> classNames(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        String entry = entries.nextElement().getName();
        if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
            && !entry.endsWith("package-info.class")) {
          names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    return names;
  }
}
