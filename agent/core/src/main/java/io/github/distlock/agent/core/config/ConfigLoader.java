package io.github.distlock.agent.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Gathers settings from every source, highest first: agent arguments, system properties ({@code distlock.*}),
 * environment ({@code DISTLOCK_*}, then the seed's {@code REDIS_*}), the YAML file, defaults. Unknown names in our
 * own namespaces are errors, so that a typo cannot silently leave a default in place.
 */
public final class ConfigLoader {

  private final String agentArgs;
  private final Properties systemProperties;
  private final Map<String, String> environment;

  public ConfigLoader(String agentArgs, Properties systemProperties, Map<String, String> environment) {
    this.agentArgs = agentArgs;
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** Reads this JVM's agent arguments, system properties and environment. */
  public static ConfigLoader forThisJvm(String agentArgs) {
    return new ConfigLoader(agentArgs, System.getProperties(), System.getenv());
  }

  public LoadedConfig load() {
    List<String> errors = new ArrayList<>();
    List<Map<Setting, RawValue>> sources = new ArrayList<>(Arrays.asList(
        fromAgentArguments(errors), fromSystemProperties(errors), fromEnvironment(errors)));
    RawValue file = winner(Setting.CONFIG_FILE, sources);
    sources.add(file == null ? Collections.<Setting, RawValue>emptyMap() : readFile(file, errors));

    Map<Setting, RawValue> effective = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      RawValue value = winner(setting, sources);
      if (value != null) {
        effective.put(setting, value);
      }
    }
    List<String> warnings = new ArrayList<>();
    if (effective.containsKey(Setting.REDIS_URL)) {
      for (Setting replaced : Arrays.asList(Setting.REDIS_HOST, Setting.REDIS_PORT)) {
        RawValue value = effective.get(replaced);
        if (value != null) {
          warnings.add(value.origin + ": " + replaced.key() + " is ignored because redis.url is set ("
              + effective.get(Setting.REDIS_URL).origin + ")");
        }
      }
    }
    AgentConfig config = new AgentConfig(new ConfigValues(effective, errors));
    return new LoadedConfig(config, errors, warnings);
  }

  private static Map<Setting, RawValue> readFile(RawValue file, List<String> errors) {
    try {
      return YamlConfigFile.read(Paths.get(file.text.trim()), errors);
    } catch (InvalidPathException e) {
      errors.add(file.origin + ": config = \"" + file.text + "\" is not a valid file path");
      return Collections.emptyMap();
    }
  }

  private Map<Setting, RawValue> fromAgentArguments(List<String> errors) {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    if (agentArgs == null || agentArgs.trim().isEmpty()) {
      return values;
    }
    // Split only before "key=": a sentinel URL lists its hosts with commas.
    for (String pair : agentArgs.split(",(?=\\s*[A-Za-z.]+\\s*=)")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair.trim() : pair.substring(0, equals).trim();
      Setting setting = Setting.byKey(key);
      if (equals < 0 || setting == null) {
        errors.add("agent argument \"" + (equals < 0 ? pair : key) + "\": expected key=value with a key among: "
            + Setting.knownKeys());
      } else {
        values.put(setting, new RawValue(pair.substring(equals + 1), "agent argument " + key));
      }
    }
    return values;
  }

  private Map<Setting, RawValue> fromSystemProperties(List<String> errors) {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    for (String name : systemProperties.stringPropertyNames()) {
      if (!name.startsWith("distlock.")) {
        continue;
      }
      Setting setting = Setting.byKey(name.substring("distlock.".length()));
      if (setting == null) {
        errors.add("system property " + name + ": unknown setting; known: distlock. followed by one of "
            + Setting.knownKeys());
      } else {
        values.put(setting, new RawValue(systemProperties.getProperty(name), "system property " + name));
      }
    }
    return values;
  }

  private Map<Setting, RawValue> fromEnvironment(List<String> errors) {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      String seedName = setting.seedEnvName();
      if (seedName != null && environment.containsKey(seedName)) {
        values.put(setting, new RawValue(environment.get(seedName), "environment variable " + seedName));
      }
    }
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      if (!entry.getKey().startsWith("DISTLOCK_")) {
        continue;
      }
      Setting setting = Setting.byEnvName(entry.getKey());
      if (setting == null) {
        errors.add("environment variable " + entry.getKey() + ": unknown setting; known: "
            + Setting.knownEnvNames());
      } else {
        values.put(setting, new RawValue(entry.getValue(), "environment variable " + entry.getKey()));
      }
    }
    return values;
  }

  private static RawValue winner(Setting setting, List<Map<Setting, RawValue>> sources) {
    for (Map<Setting, RawValue> source : sources) {
      RawValue value = source.get(setting);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
