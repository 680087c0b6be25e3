package io.github.distlock.agent.core.cli;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Properties;

/**
 * {@code attach <pid> [key=value,...]}: loads the agent into a running JVM through the JDK's attach API, found by
 * reflection (the agent is compiled for Java 8, where it lives in the JDK's tools.jar). A JVM that already runs
 * distlock is left alone.
 */
final class AttachCommand {

  private static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar distlock-agent.jar attach <pid> [key=value,...]",
      "",
      "Loads distlock into the running JVM <pid> (run it as the JVM's user). Its locked methods, annotated or named",
      "by the config file's rules, are locked from then on; calls already running finish unlocked. The settings are",
      "the agent arguments' (redis.url=..., config=/path/distlock.yml); the target's environment and system",
      "properties apply too. On JDK 21 and later the target prints a warning about a dynamically loaded agent;",
      "start it with -XX:+EnableDynamicAgentLoading to allow it silently.");
  /** Set by the agent in the JVM it runs in (see DistlockAgent). */
  private static final String RUNNING_PROPERTY = "io.github.distlock.agent.running";
  private static final String VIRTUAL_MACHINE = "com.sun.tools.attach.VirtualMachine";

  private final File agentJar;
  private final PrintStream out;
  private final PrintStream err;

  AttachCommand(File agentJar, PrintStream out, PrintStream err) {
    this.agentJar = agentJar;
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    if (args.length == 1 && args[0].equals("--help")) {
      out.println(USAGE);
      return Cli.OK;
    }
    if (args.length < 1 || args.length > 2 || !args[0].matches("[0-9]+")) {
      err.println("distlock attach: expected a process id and, optionally, settings as key=value,...");
      err.println(USAGE);
      return Cli.USAGE;
    }
    String pid = args[0];
    String settings = args.length == 2 ? args[1] : "";
    Class<?> virtualMachine;
    try {
      virtualMachine = Class.forName(VIRTUAL_MACHINE);
    } catch (ClassNotFoundException e) {
      // Java 8 keeps the attach API in the JDK's tools.jar, outside any class path -jar gives.
      err.println("distlock attach: this Java has no attach API (jdk.attach); run the command with a JDK, not a JRE"
          + (System.getProperty("java.specification.version").equals("1.8")
              ? ", with its lib/tools.jar on the class path: java -cp distlock-agent.jar" + File.pathSeparator
                  + "<jdk>/lib/tools.jar io.github.distlock.agent.DistlockAgent attach ..."
              : ""));
      return Cli.FAILED;
    }
    Object vm;
    try {
      vm = virtualMachine.getMethod("attach", String.class).invoke(null, pid);
    } catch (InvocationTargetException e) {
      err.println("distlock attach: cannot attach to JVM " + pid + ": " + e.getCause().getMessage()
          + " (is it running, as this user, with attach enabled?)");
      return Cli.FAILED;
    } catch (ReflectiveOperationException e) {
      err.println("distlock attach: the attach API cannot be used here: " + e);
      return Cli.FAILED;
    }
    try {
      String running = running(virtualMachine, vm);
      if (running != null) {
        err.println("distlock attach: JVM " + pid + " already runs distlock (started by " + running + "); not"
            + " attached again");
        return Cli.FAILED;
      }
      // agentmain throws when distlock did not start there: loadAgent then throws too.
      virtualMachine.getMethod("loadAgent", String.class, String.class).invoke(vm, agentJar.getPath(), settings);
      out.println("attached distlock to JVM " + pid + "; its log is on that JVM's standard error");
      return Cli.OK;
    } catch (InvocationTargetException e) {
      err.println("distlock attach: JVM " + pid + " did not start distlock: it already runs distlock, or the agent"
          + " failed to start there (that JVM's standard error says which); not attached (" + e.getCause() + ")");
      return Cli.FAILED;
    } catch (ReflectiveOperationException e) {
      err.println("distlock attach: the attach API cannot be used here: " + e);
      return Cli.FAILED;
    } finally {
      detach(virtualMachine, vm);
    }
  }

  // Methods are looked up on the API class: the implementation's class is not exported by jdk.attach.
  private static String running(Class<?> virtualMachine, Object vm) throws ReflectiveOperationException {
    Method properties = virtualMachine.getMethod("getSystemProperties");
    return ((Properties) properties.invoke(vm)).getProperty(RUNNING_PROPERTY);
  }

  private static void detach(Class<?> virtualMachine, Object vm) {
    try {
      virtualMachine.getMethod("detach").invoke(vm);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // The attach connection closes with this process anyway.
    }
  }
}
