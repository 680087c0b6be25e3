package io.github.distlock.agent.core.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The agent's arguments, {@code -javaagent:distlock-agent.jar=key=value,key=value}, as settings. A value may hold
 * commas (sentinel hosts in a URL, a password), so pairs are split only before {@code ,key=}; a password or URL
 * holding {@code ,<known setting>=} cannot be given here, which is one more reason to keep passwords out of it.
 */
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
    Setting previous = null;
    for (String pair : PAIR_START.split(agentArgs)) {
      position++;
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair.trim() : pair.substring(0, equals).trim();
      Setting setting = Setting.byKey(key);
      if (setting == null && mayHoldSecret(previous)) {
        // "redis.password=a,b=c" was split before "b=": the fragment belongs to the password, and must not be
        // named in a warning about an unknown setting "b".
        RawValue value = values.get(previous);
        values.put(previous, new RawValue(value.text + "," + pair, value.origin));
        // Said without the fragment, which may be part of a password, so that a misspelt setting after a secret
        // (redis.password=...,failmode=closed) does not pass in silence.
        findings.warning("agent argument number " + position + " follows " + previous.key() + " after a comma and"
            + " was read as part of its value; if it was meant as a setting, its name is not known");
        continue;
      }
      String where = NAME_LIKE.matcher(key).matches()
          ? "agent argument \"" + key + "\"" : "agent argument number " + position;
      if (equals < 0) {
        findings.warning(where + ": not key=value, ignored");
      } else if (setting == null) {
        findings.warning(UnknownNames.warning(where, "", key, Setting.keys()));
      } else {
        values.put(setting, new RawValue(pair.substring(equals + 1), "agent argument " + key));
      }
      // Only a stored value can take a comma-separated fragment.
      previous = equals < 0 ? null : setting;
    }
    return values;
  }

  private static boolean mayHoldSecret(Setting setting) {
    return setting == Setting.REDIS_PASSWORD || setting == Setting.REDIS_URL;
  }
}
