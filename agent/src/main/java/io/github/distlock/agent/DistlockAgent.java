package io.github.distlock.agent;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The agent jar's entry points: {@code -javaagent} (premain), an attach to a running JVM (agentmain) and
 * {@code java -jar} (the operator's command line). Each does as little as possible: create the core's isolated
 * class loader, have it define the bridge in the boot loader when it is an agent, and hand over. No logging
 * framework, no Redis, no class scanning here.
 */
public final class DistlockAgent {

  private static final String INSTALLER = "io.github.distlock.agent.core.AgentInstaller";
  private static final String CLI = "io.github.distlock.agent.core.cli.Cli";
  /** Set in the JVM the agent runs in, so that the command line can tell an attach would be the second. */
  private static final String RUNNING_PROPERTY = "io.github.distlock.agent.running";
  private static final String BRIDGE_DEFINER = "io.github.distlock.agent.core.BootstrapBridge";
  // Named rather than found by walking the jar's thousands of entries, which would add tens of milliseconds to
  // premain. A bridge class missing here would be loaded from the system class path, apart from the rest of the
  // bridge and invisible to other loaders: the behaviour tests of its feature would fail.
  private static final String[] BRIDGE_CLASSES = {
    "io.github.distlock.bootstrap.FailMode",
    "io.github.distlock.bootstrap.LockRuntime",
    "io.github.distlock.bootstrap.LockBridge",
    "io.github.distlock.bootstrap.SubscriptionLock",
    "io.github.distlock.bootstrap.SubscriptionLock$ErrorHooks"
  };
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private DistlockAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, "install", "premain");
  }

  /**
   * Loaded into a running JVM: the same start, then the classes already loaded get their locks. Unlike premain,
   * which must let the application start whatever happens, it throws when the agent did not start: the attaching
   * tool then reports the failure instead of success.
   */
  public static void agentmain(String args, Instrumentation inst) {
    if (!start(args, inst, "attach", "attach")) {
      throw new IllegalStateException("distlock did not start in this JVM; see the lines above");
    }
  }

  /** {@code java -jar distlock-agent.jar <command>}: the command line runs in the core's class loader too. */
  public static void main(String[] args) throws Exception {
    File agentJar = agentJarFile();
    // No application to hide from here: the system loader, which has this jar, lends the core the bridge's classes.
    ClassLoader core = new AgentClassLoader(new JarFile(agentJar), agentJar.toURI().toURL(),
        ClassLoader.getSystemClassLoader());
    int status = (Integer) Class.forName(CLI, true, core).getMethod("run", String[].class, File.class)
        .invoke(null, args, agentJar);
    System.exit(status);
  }

  /** Whether the agent started; false when it already ran here or failed, having said so on standard error. */
  private static boolean start(String args, Instrumentation inst, String entry, String how) {
    if (!STARTED.compareAndSet(false, true)) {
      System.err.println("[distlock] WARN distlock already runs in this JVM (started by "
          + System.getProperty(RUNNING_PROPERTY) + "); this " + how + " is refused");
      return false;
    }
    System.setProperty(RUNNING_PROPERTY, how);
    try {
      File agentJar = agentJarFile();
      JarFile jar = new JarFile(agentJar);
      // Created before the jar may join the bootstrap path: after that, a class of this package not yet resolved
      // (as with the verifier off) would be defined by the bootstrap loader, which cannot reach the package-private
      // members of this one.
      ClassLoader core = new AgentClassLoader(jar, agentJar.toURI().toURL(), platformLoader());
      if (!defineBridge(jar, core, inst)) {
        // The bridge's classes sit at the root of this jar: appending the jar itself makes them bootstrap classes
        // without writing a file anywhere (the core under inst/ stays invisible there: no .class entries), at the
        // price of a JVM warning about class-data sharing.
        inst.appendToBootstrapClassLoaderSearch(jar);
      }
      Class.forName(INSTALLER, true, core)
          .getMethod(entry, String.class, Instrumentation.class)
          .invoke(null, args, inst);
      return true;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalStateException && entry.equals("attach")) {
        // Refused before anything was installed (an unusable configuration): a corrected attach may follow.
        System.err.println("[distlock] ERROR " + e.getCause().getMessage());
        System.clearProperty(RUNNING_PROPERTY);
        STARTED.set(false);
        return false;
      }
      System.err.println("[distlock] ERROR the agent failed to start; @DistributedLock methods run without a lock");
      e.getCause().printStackTrace();
      return false;
    } catch (Throwable t) {
      // Throwing from premain would abort the JVM; the application must start, only without locks.
      System.err.println("[distlock] ERROR the agent failed to start; @DistributedLock methods run without a lock");
      t.printStackTrace();
      return false;
    }
  }

  /** Has the core define the bridge's classes, read from this jar's root, in the boot loader; false if it cannot. */
  private static boolean defineBridge(JarFile jar, ClassLoader core, Instrumentation inst) throws Exception {
    List<Map.Entry<String, byte[]>> classes = new ArrayList<>();
    for (String name : BRIDGE_CLASSES) {
      JarEntry entry = jar.getJarEntry(name.replace('.', '/') + ".class");
      if (entry == null) {
        return false;
      }
      classes.add(new AbstractMap.SimpleImmutableEntry<>(name, AgentClassLoader.read(jar, entry)));
    }
    return (Boolean) Class.forName(BRIDGE_DEFINER, true, core)
        .getMethod("define", Instrumentation.class, List.class)
        .invoke(null, inst, classes);
  }

  private static File agentJarFile() throws Exception {
    URL location = DistlockAgent.class.getProtectionDomain().getCodeSource().getLocation();
    return new File(location.toURI());
  }

  // The platform loader (Java 9+) sees java.sql, jdk.unsupported and friends but not the application; on Java 8
  // the bootstrap loader (null) plays that part. It is normally the system loader's topmost ancestor, found for
  // free; calling getPlatformClassLoader reflectively (the agent is compiled for Java 8) costs a cold JVM over ten
  // milliseconds of annotation parsing, because the method is caller-sensitive, so that is only the fallback for
  // a custom system class loader with no parent.
  private static ClassLoader platformLoader() throws ReflectiveOperationException {
    if (System.getProperty("java.specification.version").startsWith("1.")) {
      return null;
    }
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    while (loader.getParent() != null) {
      loader = loader.getParent();
    }
    if (loader.getClass().getName().equals("jdk.internal.loader.ClassLoaders$PlatformClassLoader")) {
      return loader;
    }
    return (ClassLoader) ClassLoader.class.getMethod("getPlatformClassLoader").invoke(null);
  }
}
