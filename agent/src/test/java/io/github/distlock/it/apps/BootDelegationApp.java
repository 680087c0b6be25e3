package io.github.distlock.it.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Loads {@link BootDelegationJob} through a class loader that, like an OSGi bundle or a JBoss module without boot
 * delegation, does not hand {@code io.github.distlock.bootstrap.*} to the boot loader, and calls each of its locked
 * methods three times. The first argument says what the loader does with the bridge package:
 * <ul>
 *   <li>{@code hide}: answers {@link ClassNotFoundException};
 *   <li>{@code hide_after_definition}: the same, but only once the job class is defined, so that the running code
 *       meets the refusal and the agent, while it instruments the class, does not;
 *   <li>{@code own_copy}: defines its own copy of the bridge, as if the agent jar were on the application's class
 *       path.
 * </ul>
 */
public final class BootDelegationApp {

  // By name: a class literal would load the job into the application's own loader as well.
  private static final String JOB = "io.github.distlock.it.apps.BootDelegationJob";
  private static final String BRIDGE = "io.github.distlock.bootstrap.LockBridge";
  private static final int CALLS = 3;

  /** What the loader does with the bridge package. */
  enum Bridge {
    HIDE, HIDE_AFTER_DEFINITION, OWN_COPY
  }

  public static void main(String[] args) throws Exception {
    Bridge bridge = Bridge.valueOf(args[0].toUpperCase(Locale.ROOT));
    BridgeBlockingLoader loader = new BridgeBlockingLoader(BootDelegationApp.class.getClassLoader(), bridge);
    Class<?> jobClass = loader.loadClass(JOB);
    AppSupport.result("definedBy", jobClass.getClassLoader() == loader ? "blocking" : jobClass.getClassLoader());
    Object job = jobClass.getConstructor().newInstance();
    for (int i = 0; i < CALLS; i++) {
      jobClass.getMethod("run").invoke(job);
      AppSupport.result("optional", jobClass.getMethod("optional").invoke(job));
      AppSupport.result("number", jobClass.getMethod("number").invoke(job));
    }
    AppSupport.result("runs", jobClass.getMethod("runs").invoke(null));
    AppSupport.result("bridgeSeen", bridgeSeen(loader));
  }

  /** {@code agent}, {@code none} or {@code copy}: which bridge the loader gives the job now. */
  private static String bridgeSeen(ClassLoader loader) {
    try {
      return loader.loadClass(BRIDGE).getClassLoader() == null ? "agent" : "copy";
    } catch (ClassNotFoundException e) {
      return "none";
    }
  }

  /** Defines the job class itself, from its class file, and hands everything but the bridge to its parent. */
  private static final class BridgeBlockingLoader extends ClassLoader {

    private static final String BRIDGE_PACKAGE = "io.github.distlock.bootstrap.";

    private final Bridge bridge;
    private volatile boolean jobDefined;

    BridgeBlockingLoader(ClassLoader parent, Bridge bridge) {
      super(parent);
      this.bridge = bridge;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      boolean bridgeClass = name.startsWith(BRIDGE_PACKAGE);
      if (bridgeClass && (bridge == Bridge.HIDE || bridge == Bridge.HIDE_AFTER_DEFINITION && jobDefined)) {
        throw new ClassNotFoundException(name + " (this loader does not delegate it to the boot loader)");
      }
      if (!name.equals(JOB) && !(bridgeClass && bridge == Bridge.OWN_COPY)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          byte[] bytes = classFile(name);
          loaded = defineClass(name, bytes, 0, bytes.length);
          jobDefined |= name.equals(JOB);
        }
        return loaded;
      }
    }

    // The bridge's class file comes from the agent jar, which the boot loader's resources include.
    private static byte[] classFile(String name) {
      try (InputStream in = ClassLoader.getSystemResourceAsStream(name.replace('.', '/') + ".class")) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return "BridgeBlockingLoader";
    }
  }
}
