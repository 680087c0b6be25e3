package io.github.distlock.agent.core.base;

import java.io.PrintStream;

/**
 * The agent's own logger: one {@code [distlock] LEVEL message} line on standard error. It deliberately uses no
 * logging framework, because touching JUL, Log4j or SLF4J from an agent can initialise them before the
 * application configures them.
 */
public final class AgentLog {

  private final PrintStream out;
  private final LogLevel level;

  public AgentLog(PrintStream out, LogLevel level) {
    this.out = out;
    this.level = level;
  }

  public boolean isDebugEnabled() {
    return level.includes(LogLevel.DEBUG);
  }

  public void debug(String message) {
    log(LogLevel.DEBUG, message, null);
  }

  public void info(String message) {
    log(LogLevel.INFO, message, null);
  }

  public void warn(String message) {
    log(LogLevel.WARN, message, null);
  }

  public void error(String message) {
    log(LogLevel.ERROR, message, null);
  }

  /** Logs with the throwable's stack trace, for failures that are bugs rather than outages. */
  public void error(String message, Throwable cause) {
    log(LogLevel.ERROR, message, cause);
  }

  private void log(LogLevel at, String message, Throwable cause) {
    if (!level.includes(at)) {
      return;
    }
    // One println per line so that concurrent messages do not interleave within a line.
    out.println("[distlock] " + at.name() + " " + message);
    if (cause != null) {
      cause.printStackTrace(out);
    }
  }
}
