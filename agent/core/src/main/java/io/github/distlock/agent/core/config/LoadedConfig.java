package io.github.distlock.agent.core.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;

/**
 * The outcome of loading: the effective configuration and what was wrong with the input. Only a bad value of a
 * setting that decides which Redis and which keys the fleet shares, or an unusable config file, stops the agent
 * from connecting ({@link #connectionProblem()}); anything else is reported and locking goes on.
 */
public final class LoadedConfig {

  private final AgentConfig config;
  private final List<String> errors;
  private final List<String> warnings;
  private final List<String> notes;
  private final String connectionProblem;
  private final Map<Setting, String> sources;
  private final String configFile;

  LoadedConfig(AgentConfig config, List<String> errors, List<String> warnings, List<String> notes,
      String connectionProblem, Map<Setting, String> sources, String configFile) {
    this.config = config;
    this.configFile = configFile;
    this.sources = Collections.unmodifiableMap(new EnumMap<>(sources));
    this.errors = Collections.unmodifiableList(errors);
    this.warnings = Collections.unmodifiableList(warnings);
    this.notes = Collections.unmodifiableList(notes);
    this.connectionProblem = connectionProblem;
  }

  public AgentConfig config() {
    return config;
  }

  /** The config file that was read, as given; {@code null} when none was. */
  public String configFile() {
    return configFile;
  }

  /**
   * Where the effective value of {@code setting} came from (an agent argument, a variable, a file and line), or
   * {@code "default"}.
   */
  public String source(Setting setting) {
    return sources.getOrDefault(setting, "default");
  }

  /** Invalid inputs, each naming its source and the expected form; log at ERROR. */
  public List<String> errors() {
    return errors;
  }

  /** Input that was ignored, such as an unknown setting name; log at WARN. */
  public List<String> warnings() {
    return warnings;
  }

  /** How the configuration was read where that may surprise, such as a Kubernetes service link; log at INFO. */
  public List<String> notes() {
    return notes;
  }

  /**
   * {@code null} when the agent may connect; otherwise one line, free of secrets, saying why it must not: the fleet
   * would not agree on where its locks live.
   */
  public String connectionProblem() {
    return connectionProblem;
  }
}
