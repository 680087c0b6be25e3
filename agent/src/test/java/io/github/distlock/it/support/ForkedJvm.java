package io.github.distlock.it.support;

import io.github.distlock.DistributedLock;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the command line for a test application in its own JVM, on the JDK of this run ({@link TestJdk}),
 * optionally with the distlock agent, and starts it as a {@link RunningJvm}.
 *
 * <pre>{@code
 * try (RunningJvm app = ForkedJvm.main(SomeApp.class).withAgent("failMode=closed").env("REDIS_PORT", "6390").start()) {
 *   app.awaitLine("^READY", Duration.ofSeconds(20));
 * }
 * }</pre>
 */
public final class ForkedJvm {

  /** The system property, set by failsafe, holding the absolute path of the built agent jar. */
  public static final String AGENT_JAR_PROPERTY = "distlock.agent.jar";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String mainClass;
  private final Path executableJar;
  private String name = "fork-" + COUNTER.incrementAndGet();
  private String agentOption;
  private final List<String> wrapper = new ArrayList<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<Path> classpath = new ArrayList<>();
  private final List<Path> modulePath = new ArrayList<>();
  private String module;
  private final Map<String, String> sysProps = new LinkedHashMap<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> args = new ArrayList<>();

  private ForkedJvm(String mainClass, Path executableJar) {
    this.mainClass = mainClass;
    this.executableJar = executableJar;
    if (executableJar == null) {
      classpath.add(codeSource(ForkedJvm.class));
      classpath.add(codeSource(DistributedLock.class));
    }
  }

  /** A JVM running {@code mainClass}, with the test classes and distlock-annotations on its class path. */
  public static ForkedJvm main(Class<?> mainClass) {
    return new ForkedJvm(mainClass.getName(), null);
  }

  /** As {@link #main(Class)}, for a class the Java tests cannot name: a Kotlin app, compiled after them. */
  public static ForkedJvm main(String mainClassName) {
    return new ForkedJvm(mainClassName, null);
  }

  /**
   * A JVM running {@code java --module-path modulePath -m module/mainClass}: a modular application, with nothing on
   * its class path.
   */
  public static ForkedJvm module(String moduleAndMainClass, Path... modulePath) {
    ForkedJvm jvm = new ForkedJvm(null, null);
    jvm.classpath.clear();
    jvm.module = moduleAndMainClass;
    jvm.modulePath.addAll(List.of(modulePath));
    return jvm;
  }

  /** A JVM running {@code java -jar executableJar}, with nothing else on its class path. */
  public static ForkedJvm jar(Path executableJar) {
    return new ForkedJvm(null, executableJar);
  }

  /**
   * An operator's command, {@code java -jar distlock-agent.jar <command> <args>}, on the agent jar under test; its
   * output lines are prefixed {@code cli-<command>}.
   */
  public static ForkedJvm agentCommand(String... args) {
    return jar(Paths.get(System.getProperty(AGENT_JAR_PROPERTY))).name("cli-" + args[0]).args(args);
  }

  /** The prefix of this JVM's echoed output lines; defaults to {@code fork-<n>}. */
  public ForkedJvm name(String name) {
    this.name = name;
    return this;
  }

  /** Adds {@code -javaagent:<distlock.agent.jar>[=agentArgs]}; {@code agentArgs} may be null. */
  public ForkedJvm withAgent(String agentArgs) {
    String jar = System.getProperty(AGENT_JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
      throw new IllegalStateException("System property " + AGENT_JAR_PROPERTY + " is " + jar
          + "; run the tests through failsafe (mvn verify), which sets it to agent/target/distlock-agent.jar");
    }
    agentOption = "-javaagent:" + jar + (agentArgs == null ? "" : "=" + agentArgs);
    return this;
  }

  /** Runs without the agent (the default). */
  public ForkedJvm withoutAgent() {
    agentOption = null;
    return this;
  }

  /**
   * Runs the JVM under another program, such as {@code faketime -f +0.25s}: {@code prefix} goes before the
   * {@code java} launcher. The program must run the JVM as its child or exec it, passing stdin and stdout through.
   */
  public ForkedJvm wrapper(String... prefix) {
    wrapper.addAll(List.of(prefix));
    return this;
  }

  public ForkedJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /** Appends class path entries after the defaults. */
  public ForkedJvm classpath(Path... entries) {
    classpath.addAll(List.of(entries));
    return this;
  }

  /** Leaves distlock-annotations off the class path, as for a vendor's app that has never heard of distlock. */
  public ForkedJvm withoutAnnotationsJar() {
    classpath.remove(codeSource(DistributedLock.class));
    return this;
  }

  /** Adds the jars (or class directories) that hold {@code types} to the class path, as an app's libraries. */
  public ForkedJvm classpathOf(Class<?>... types) {
    for (Class<?> type : types) {
      classpath.add(codeSource(type));
    }
    return this;
  }

  /** Sets a variable in the child; applied after the {@code REDIS_*} and {@code DISTLOCK_*} ones are removed. */
  public ForkedJvm env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public ForkedJvm sysProp(String key, String value) {
    sysProps.put(key, value);
    return this;
  }

  public ForkedJvm args(String... values) {
    args.addAll(List.of(values));
    return this;
  }

  /** The full command line that {@link #start()} runs. */
  public List<String> command() {
    List<String> command = new ArrayList<>(wrapper);
    command.add(TestJdk.javaExecutable().toString());
    if (agentOption != null) {
      command.add(agentOption);
    }
    command.addAll(jvmArgs);
    sysProps.forEach((key, value) -> command.add("-D" + key + "=" + value));
    if (executableJar != null) {
      command.add("-jar");
      command.add(executableJar.toString());
    } else if (module != null) {
      command.add("--module-path");
      command.add(String.join(File.pathSeparator, modulePath.stream().map(Path::toString).toList()));
      command.add("-m");
      command.add(module);
    } else {
      command.add("-cp");
      command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
      command.add(mainClass);
    }
    command.addAll(args);
    return command;
  }

  public RunningJvm start() {
    List<String> command = command();
    ProcessBuilder builder = new ProcessBuilder(command);
    // The developer's shell may export Redis or distlock settings; only what the test sets may reach the child.
    builder.environment().keySet().removeIf(key -> key.startsWith("REDIS_") || key.startsWith("DISTLOCK_"));
    builder.environment().putAll(env);
    System.out.println("[" + name + "] $ " + String.join(" ", command));
    try {
      return new RunningJvm(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Reads {@code RESULT name=value} lines into a map; a later line for the same name wins. */
  public static Map<String, String> parseResults(List<String> lines) {
    Map<String, String> results = new LinkedHashMap<>();
    for (String line : lines) {
      int equals = line.indexOf('=');
      if (line.startsWith("RESULT ") && equals > "RESULT ".length()) {
        results.put(line.substring("RESULT ".length(), equals), line.substring(equals + 1));
      }
    }
    return results;
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the class path entry of " + type.getName(), e);
    }
  }
}
