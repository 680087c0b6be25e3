package io.github.distlock.agent.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What loading found worth telling the user, sorted by what it does to locking: notes change nothing, warnings
 * point at input that was ignored, errors at values replaced by their default, and connection problems keep the
 * agent off Redis. No message may hold a secret.
 */
final class Findings {

  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> connectionProblems = new ArrayList<>();

  void note(String message) {
    notes.add(message);
  }

  void warning(String message) {
    warnings.add(message);
  }

  /** Input that cannot be used and affects no setting, such as a malformed lock rule. */
  void error(String message) {
    errors.add(message);
  }

  /**
   * A value of {@code setting}, found at {@code origin}, that cannot be used. A {@link Setting.Scope#FLEET} setting
   * then keeps the agent off Redis; for any other the caller uses the default, which {@code message} should name.
   */
  void invalid(Setting setting, String origin, String message) {
    errors.add(message);
    if (setting.scope() == Setting.Scope.FLEET) {
      connectionProblems.add(setting.key() + " from " + origin + " is invalid");
    }
  }

  /**
   * {@link #invalid} with the standard message: origin, setting, the value as given and {@code expected}. A URL, or
   * any value with an {@code @} (a misplaced URL), is masked; credentials are never shown.
   */
  void invalidValue(Setting setting, RawValue value, String expected) {
    boolean credential = setting == Setting.REDIS_PASSWORD || setting == Setting.REDIS_USERNAME;
    boolean urlLike = setting == Setting.REDIS_URL || value.text.contains("@");
    String shown = credential ? "****" : urlLike ? RedisUrls.mask(value.text) : value.text;
    invalid(setting, value.origin,
        value.origin + ": " + setting.key() + " = \"" + shown + "\" is not valid: expected " + expected);
  }

  /** The config file cannot be read as a whole: what it would have set is unknown. */
  void unusableFile(String file, String message) {
    errors.add(message);
    connectionProblems.add("the config file " + file + " cannot be used");
  }

  LoadedConfig result(AgentConfig config, Map<Setting, String> sources, String configFile) {
    String problem = connectionProblems.isEmpty() ? null : String.join("; ", connectionProblems);
    return new LoadedConfig(config, errors, warnings, notes, problem, sources, configFile);
  }
}
