package io.github.distlock.agent;

import java.io.File;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;

/**
 * The {@code -javaagent} entry point. It does as little as possible: put the bridge on the bootstrap class path,
 * create the core's isolated class loader and hand over. No logging framework, no Redis, no class scanning here.
 */
public final class DistlockAgent {

  private static final String BOOTSTRAP_JAR = "distlock-bootstrap.jar";
  private static final String INSTALLER = "io.github.distlock.agent.core.AgentInstaller";
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private DistlockAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst);
  }

  private static void start(String args, Instrumentation inst) {
    if (!STARTED.compareAndSet(false, true)) {
      System.err.println("[distlock] WARN the distlock agent is attached twice; the second attach is ignored");
      return;
    }
    try {
      File agentJar = agentJarFile();
      inst.appendToBootstrapClassLoaderSearch(new JarFile(extractBootstrapJar(agentJar)));
      ClassLoader core = new AgentClassLoader(new JarFile(agentJar), agentJar.toURI().toURL(), platformLoader());
      Class.forName(INSTALLER, true, core)
          .getMethod("install", String.class, Instrumentation.class)
          .invoke(null, args, inst);
    } catch (Throwable t) {
      // Throwing from premain would abort the JVM; the application must start, only without locks.
      System.err.println("[distlock] ERROR the agent failed to start; @DistributedLock methods run without a lock");
      t.printStackTrace();
    }
  }

  private static File agentJarFile() throws Exception {
    URL location = DistlockAgent.class.getProtectionDomain().getCodeSource().getLocation();
    return new File(location.toURI());
  }

  // appendToBootstrapClassLoaderSearch takes a file, so the nested bridge jar is copied out once per JVM.
  private static File extractBootstrapJar(File agentJar) throws Exception {
    Path target = Files.createTempFile("distlock-bootstrap-", ".jar");
    target.toFile().deleteOnExit();
    try (JarFile jar = new JarFile(agentJar);
        InputStream in = jar.getInputStream(jar.getJarEntry(BOOTSTRAP_JAR))) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target.toFile();
  }

  // The platform loader (Java 9+) sees java.sql, jdk.unsupported and friends but not the application; on Java 8
  // the bootstrap loader (null) plays that part. Looked up reflectively because the agent is compiled for Java 8.
  private static ClassLoader platformLoader() {
    try {
      return (ClassLoader) ClassLoader.class.getMethod("getPlatformClassLoader").invoke(null);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
