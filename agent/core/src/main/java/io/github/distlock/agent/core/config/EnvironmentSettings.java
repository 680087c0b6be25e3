package io.github.distlock.agent.core.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Settings from environment variables: {@code DISTLOCK_*}, and the NestJS seed's {@code REDIS_*} names below them.
 * The two are separate sources so that a Kubernetes service link in one ({@code DISTLOCK_REDIS_PORT=tcp://...})
 * can give way to a plain port in the other ({@link ServiceLinks}).
 */
final class EnvironmentSettings {

  private static final String PREFIX = "DISTLOCK_";

  private EnvironmentSettings() {}

  /** The {@code DISTLOCK_*} variables; unknown names are warned about unless Kubernetes put them there. */
  static Map<Setting, RawValue> distlock(Map<String, String> environment, Findings findings) {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      Setting setting = Setting.byEnvName(name);
      if (setting != null) {
        values.put(setting, new RawValue(entry.getValue(), "environment variable " + name));
      } else if (!ServiceLinks.isInjected(name, entry.getValue())) {
        findings.warning(UnknownNames.warning("environment variable " + name, PREFIX, name.substring(PREFIX.length()),
            withoutPrefix(Setting.envNames())));
      }
    }
    return values;
  }

  /** The seed's variables, {@code REDIS_HOST} and the like; other {@code REDIS_*} names are not ours to judge. */
  static Map<Setting, RawValue> seed(Map<String, String> environment) {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      String name = setting.seedEnvName();
      if (name != null && environment.containsKey(name)) {
        values.put(setting, new RawValue(environment.get(name), "environment variable " + name));
      }
    }
    return values;
  }

  private static List<String> withoutPrefix(List<String> names) {
    List<String> stripped = new ArrayList<>();
    for (String name : names) {
      stripped.add(name.substring(PREFIX.length()));
    }
    return stripped;
  }
}
