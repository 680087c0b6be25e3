package io.github.distlock.agent.core.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The agent's arguments, {@code -javaagent:distlock-agent.jar=key=value,key=value}, as settings. */
final class AgentArguments {

  // Split only before "key=": a sentinel URL lists its hosts with commas.
  private static final Pattern PAIR_START = Pattern.compile(",(?=\\s*[A-Za-z.]+\\s*=)");
  // What may be echoed in a warning: something shaped like a setting name, never a stray value.
  private static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,39}");

  private AgentArguments() {}

  static Map<Setting, RawValue> parse(String agentArgs, Findings findings) {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    if (agentArgs == null || agentArgs.trim().isEmpty()) {
      return values;
    }
    int position = 0;
    for (String pair : PAIR_START.split(agentArgs)) {
      position++;
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair.trim() : pair.substring(0, equals).trim();
      String where = NAME_LIKE.matcher(key).matches()
          ? "agent argument \"" + key + "\"" : "agent argument number " + position;
      Setting setting = Setting.byKey(key);
      if (equals < 0) {
        findings.warning(where + ": not key=value, ignored");
      } else if (setting == null) {
        findings.warning(UnknownNames.warning(where, "", key, Setting.keys()));
      } else {
        values.put(setting, new RawValue(pair.substring(equals + 1), "agent argument " + key));
      }
    }
    return values;
  }
}
