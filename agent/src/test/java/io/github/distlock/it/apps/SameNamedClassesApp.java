package io.github.distlock.it.apps;

import io.github.distlock.it.support.RespClient;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;

/**
 * Two web applications in one JVM, each with its own class loader and its own build of a class of the same name,
 * {@value #JOB}, whose lock has a different key and ttl in each. Arguments: Redis host and port, then one class
 * directory per application. Each job is a {@code Runnable} taking a {@code Runnable} probe, which it runs inside
 * its locked method; the probe reports the lock keys Redis holds at that moment, and their remaining ttl.
 */
public final class SameNamedClassesApp {

  static final String JOB = "samename.SameNamedJob";

  public static void main(String[] args) throws Exception {
    try (RespClient redis = RespClient.connect(args[0], Integer.parseInt(args[1]), null)) {
      for (int app = 2; app < args.length; app++) {
        String prefix = "app" + (app - 1);
        URL[] path = {Paths.get(args[app]).toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(path, SameNamedClassesApp.class.getClassLoader())) {
          Runnable probe = () -> report(redis, prefix);
          Class<?> job = loader.loadClass(JOB);
          ((Runnable) job.getConstructor(Runnable.class).newInstance(probe)).run();
        }
      }
    }
  }

  private static void report(RespClient redis, String prefix) {
    @SuppressWarnings("unchecked")
    List<Object> keys = (List<Object>) redis.command("KEYS", "*");
    TreeSet<String> sorted = new TreeSet<>();
    for (Object key : keys) {
      sorted.add((String) key);
    }
    AppSupport.result(prefix + ".keys", String.join(",", sorted));
    for (String key : sorted) {
      AppSupport.result(prefix + ".pttl." + key, redis.pttl(key));
    }
    AppSupport.result(prefix + ".locked", AppSupport.holdsLock());
  }
}
