package io.github.distlock.agent.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Gathers settings from every source, highest first: agent arguments, system properties ({@code distlock.*}),
 * environment ({@code DISTLOCK_*}, then the seed's {@code REDIS_*}), the YAML file, defaults. An unknown name in our
 * namespaces is a warning naming the closest known one: a typo must be seen, but must not turn locking off.
 */
public final class ConfigLoader {

  private static final String PROPERTY_PREFIX = "distlock.";

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
    Findings findings = new Findings();
    Map<Setting, RawValue> arguments = AgentArguments.parse(agentArgs, findings);
    Map<Setting, RawValue> properties = fromSystemProperties(findings);
    warnIfPasswordIsOnTheCommandLine(arguments, findings);
    warnIfPasswordIsOnTheCommandLine(properties, findings);
    List<Map<Setting, RawValue>> sources = new ArrayList<>(Arrays.asList(arguments, properties,
        EnvironmentSettings.distlock(environment, findings), EnvironmentSettings.seed(environment)));
    RawValue file = winner(Setting.CONFIG_FILE, sources);
    List<LockRule> rules = new ArrayList<>();
    sources.add(file == null ? Collections.<Setting, RawValue>emptyMap() : readFile(file, rules, findings));

    Map<Setting, RawValue> effective = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      RawValue value = winner(setting, sources);
      if (value != null && setting != Setting.REDIS_PORT) {
        effective.put(setting, value);
      }
    }
    ServiceLinks.placePort(sources, effective, findings);
    warnIfUrlReplacesHostAndPort(effective, findings);
    AgentConfig config = new AgentConfig(new ConfigValues(effective, findings), rules);
    Map<Setting, String> origins = new EnumMap<>(Setting.class);
    effective.forEach((setting, value) -> origins.put(setting, value.origin));
    return findings.result(config, origins, file == null ? null : file.text.trim());
  }

  private static Map<Setting, RawValue> readFile(RawValue file, List<LockRule> rules, Findings findings) {
    try {
      return YamlConfigFile.read(Paths.get(file.text.trim()), rules, findings);
    } catch (InvalidPathException e) {
      findings.unusableFile(file.text, file.origin + ": config = \"" + file.text + "\" is not a valid file path");
      return Collections.emptyMap();
    }
  }

  private Map<Setting, RawValue> fromSystemProperties(Findings findings) {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    for (String name : systemProperties.stringPropertyNames()) {
      if (!name.startsWith(PROPERTY_PREFIX)) {
        continue;
      }
      String key = name.substring(PROPERTY_PREFIX.length());
      Setting setting = Setting.byKey(key);
      if (setting == null) {
        findings.warning(
            UnknownNames.warning("system property " + name, PROPERTY_PREFIX, key, Setting.keys()));
      } else {
        values.put(setting, new RawValue(systemProperties.getProperty(name), "system property " + name));
      }
    }
    return values;
  }

  // Said even when another source overrides the value: it is on the command line all the same.
  private static void warnIfPasswordIsOnTheCommandLine(Map<Setting, RawValue> source, Findings findings) {
    RawValue password = source.get(Setting.REDIS_PASSWORD);
    RawValue url = source.get(Setting.REDIS_URL);
    RawValue exposed = password != null && !password.text.isEmpty() ? password
        : url != null && url.text.contains("@") ? url : null;
    if (exposed != null) {
      findings.warning(exposed.origin + ": a password here is readable by anyone who can list processes, and over"
          + " JMX (java.lang:type=Runtime, InputArguments and SystemProperties); set it in REDIS_PASSWORD or"
          + " DISTLOCK_REDIS_PASSWORD, or in the config file, instead");
    }
  }

  private static void warnIfUrlReplacesHostAndPort(Map<Setting, RawValue> effective, Findings findings) {
    RawValue nodes = effective.get(Setting.REDIS_CLUSTER_NODES);
    RawValue url = effective.get(Setting.REDIS_URL);
    RawValue over = nodes != null ? nodes : url;
    if (over == null) {
      return;
    }
    Setting winner = nodes != null ? Setting.REDIS_CLUSTER_NODES : Setting.REDIS_URL;
    List<Setting> replaced = nodes != null ? Arrays.asList(Setting.REDIS_URL, Setting.REDIS_HOST, Setting.REDIS_PORT)
        : Arrays.asList(Setting.REDIS_HOST, Setting.REDIS_PORT);
    if (nodes != null && url != null && url.text.trim().toLowerCase(Locale.ROOT).startsWith("rediss")) {
      // Ignoring the URL would drop the TLS it asks for, and send the password in clear.
      findings.invalid(Setting.REDIS_URL, url.origin, url.origin + ": redis.url asks for TLS, which is not supported"
          + " with redis.cluster.nodes yet");
      return;
    }
    for (Setting setting : replaced) {
      RawValue value = effective.get(setting);
      if (value != null) {
        findings.warning(value.origin + ": " + setting.key() + " is ignored because " + winner.key() + " is set ("
            + over.origin + ")");
      }
    }
    RawValue db = effective.get(Setting.REDIS_DB);
    if (nodes != null && db != null && !db.text.trim().equals("0")) {
      // A cluster has database 0 only; locking another number's keys is not what the fleet was told.
      findings.invalid(Setting.REDIS_DB, db.origin, db.origin + ": redis.db = \"" + db.text + "\" is not valid with"
          + " redis.cluster.nodes: a Redis Cluster has database 0 only");
    }
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
