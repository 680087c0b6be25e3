package io.github.distlock.agent.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code redis.cluster.nodes}: the seed nodes of a Redis Cluster, {@code host:port,host:port,...}, as Spring Boot's
 * {@code spring.data.redis.cluster.nodes} takes them. The client learns the rest of the cluster from any of them.
 */
final class ClusterNodes {

  static final String EXPECTED = "host:port,host:port,... (the seed nodes of a Redis Cluster)";

  private static final Pattern NODE = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_.-]+):(\\d{1,5})");

  private ClusterNodes() {}

  /** The nodes as {@code host:port}; throws {@link IllegalArgumentException} for anything else. */
  static List<String> parse(String text) {
    List<String> nodes = new ArrayList<>();
    for (String part : text.split(",")) {
      String node = part.trim();
      Matcher matcher = NODE.matcher(node);
      if (!matcher.matches() || !isPort(matcher.group(2))) {
        throw new IllegalArgumentException("not host:port: " + node);
      }
      nodes.add(node);
    }
    return Collections.unmodifiableList(nodes);
  }

  private static boolean isPort(String digits) {
    int port = Integer.parseInt(digits);
    return port >= 1 && port <= 65_535;
  }
}
