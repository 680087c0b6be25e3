package io.github.distlock.agent.core.config;

import java.util.Collections;
import java.util.List;

/** The outcome of loading: the effective configuration and what was wrong with the input. */
public final class LoadedConfig {

  private final AgentConfig config;
  private final List<String> errors;
  private final List<String> warnings;

  LoadedConfig(AgentConfig config, List<String> errors, List<String> warnings) {
    this.config = config;
    this.errors = Collections.unmodifiableList(errors);
    this.warnings = Collections.unmodifiableList(warnings);
  }

  public AgentConfig config() {
    return config;
  }

  /** Invalid inputs, each naming its source and the expected form; any error keeps the agent off Redis. */
  public List<String> errors() {
    return errors;
  }

  public List<String> warnings() {
    return warnings;
  }

  public boolean isValid() {
    return errors.isEmpty();
  }
}
