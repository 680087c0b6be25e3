package io.github.distlock.agent.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes service links. For every Service in its namespace a pod gets {@code <SVC>_SERVICE_HOST},
 * {@code <SVC>_SERVICE_PORT[_<NAME>]}, {@code <SVC>_PORT=tcp://ip:port} and {@code <SVC>_PORT_<n>_<PROTO>[_PROTO|
 * _PORT|_ADDR]}, SVC being the upper-cased service name with '-' as '_'. A Service named {@code redis} thus sets
 * {@code REDIS_PORT}, and one named {@code distlock} a family of {@code DISTLOCK_*} names. They are part of every
 * pod's environment, so they must never stop the agent from locking.
 */
final class ServiceLinks {

  private static final Pattern LINK = Pattern.compile("(tcp|udp|sctp)://(\\S*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern INJECTED_NAME = Pattern.compile("DISTLOCK_(?:SERVICE_.+|PORT|PORT_.+"
      + "|.+_SERVICE_HOST|.+_SERVICE_PORT(?:_.+)?|.+_PORT_\\d+_(?:TCP|UDP|SCTP)(?:_.+)?)");
  private static final String EXPECTED_PORT = "a port number from 1 to 65535, or a Kubernetes service link"
      + " tcp://host:port";

  private ServiceLinks() {}

  /** Whether an unknown {@code DISTLOCK_*} variable has the shape of one that Kubernetes injects for a Service. */
  static boolean isInjected(String name, String value) {
    return INJECTED_NAME.matcher(name).matches() || name.endsWith("_PORT") && LINK.matcher(value.trim()).matches();
  }

  /**
   * Puts the effective redis.port, and the host of a service link, into {@code effective}, which already holds
   * every other setting. A port value that is a service link ({@code tcp://host:port}) says where Redis is only
   * when no source names a host or URL; otherwise it is passed over for the next source's port.
   */
  static void placePort(List<Map<Setting, RawValue>> sources, Map<Setting, RawValue> effective, Findings findings) {
    RawValue placedBy = effective.containsKey(Setting.REDIS_URL)
        ? effective.get(Setting.REDIS_URL) : effective.get(Setting.REDIS_HOST);
    for (Map<Setting, RawValue> source : sources) {
      RawValue port = source.get(Setting.REDIS_PORT);
      if (port == null) {
        continue;
      }
      Matcher link = LINK.matcher(port.text.trim());
      if (!link.matches()) {
        effective.put(Setting.REDIS_PORT, port);
        return;
      }
      String what = port.origin + " is a Kubernetes service link (" + port.text.trim() + ")";
      if (placedBy != null) {
        Setting used = effective.containsKey(Setting.REDIS_URL) ? Setting.REDIS_URL : Setting.REDIS_HOST;
        findings.note(what + ", ignored: " + used.key() + " from " + placedBy.origin + " says where Redis is");
      } else if (!link.group(1).toLowerCase(Locale.ROOT).equals("tcp")) {
        findings.note(what + ", ignored: Redis speaks TCP");
      } else {
        use(port, link.group(2), effective, findings, what);
        return;
      }
    }
  }

  private static void use(
      RawValue port, String address, Map<Setting, RawValue> effective, Findings findings, String what) {
    int colon = address.lastIndexOf(':');
    String host = colon < 0 ? "" : address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String number = address.substring(colon + 1);
    if (host.isEmpty() || host.contains("/") || !number.matches("\\d{1,5}") || Integer.parseInt(number) < 1
        || Integer.parseInt(number) > 65_535) {
      findings.invalidValue(Setting.REDIS_PORT, port, EXPECTED_PORT);
      return;
    }
    effective.put(Setting.REDIS_HOST, new RawValue(host, port.origin));
    effective.put(Setting.REDIS_PORT, new RawValue(number, port.origin));
    findings.note(what + " and no Redis host or URL is configured: connecting to " + address);
  }
}
