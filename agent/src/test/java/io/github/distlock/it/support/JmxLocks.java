package io.github.distlock.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads the agent's {@code io.github.distlock:type=Locks} MBean from a forked JVM over JMX remote, the way an
 * operator's console would. {@link #enable} opens an unauthenticated loopback-only JMX port in the fork.
 */
public final class JmxLocks implements AutoCloseable {

  public static final String OBJECT_NAME = "io.github.distlock:type=Locks";

  private final JMXConnector connector;
  private final MBeanServerConnection server;
  private final ObjectName name;

  private JmxLocks(JMXConnector connector, MBeanServerConnection server, ObjectName name) {
    this.connector = connector;
    this.server = server;
    this.name = name;
  }

  /** A loopback port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  /** Makes {@code jvm} serve JMX on {@code port} (registry and RMI objects alike), on loopback only. */
  public static ForkedJvm enable(ForkedJvm jvm, int port) {
    return jvm.sysProp("com.sun.management.jmxremote.port", Integer.toString(port))
        .sysProp("com.sun.management.jmxremote.rmi.port", Integer.toString(port))
        .sysProp("com.sun.management.jmxremote.authenticate", "false")
        .sysProp("com.sun.management.jmxremote.ssl", "false")
        .sysProp("com.sun.management.jmxremote.host", "127.0.0.1")
        .sysProp("java.rmi.server.hostname", "127.0.0.1");
  }

  /**
   * Connects to the JVM serving JMX on {@code port} and waits until the agent has registered its MBean: it does so
   * from a background thread once the platform MBean server exists.
   */
  public static JmxLocks connect(int port, Duration timeout) {
    JMXServiceURL url;
    ObjectName name;
    try {
      url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
      name = new ObjectName(OBJECT_NAME);
    } catch (IOException | JMException e) {
      throw new IllegalStateException(e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    JMXConnector connector = Await.value("a JMX connection on port " + port, timeout, () -> {
      try {
        return JMXConnectorFactory.connect(url);
      } catch (IOException e) {
        // The fork's connector server is not up yet.
        return null;
      }
    });
    boolean connected = false;
    try {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      Await.until(OBJECT_NAME + " to be registered", left, () -> isRegistered(server, name));
      connected = true;
      return new JmxLocks(connector, server, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!connected) {
        closeQuietly(connector);
      }
    }
  }

  /** The {@code Total} attribute: every counter of all keys together, by name. */
  public Map<String, Long> total() {
    return counters((CompositeData) attribute("Total"));
  }

  /** The counters of one Redis key from the {@code Keys} attribute; empty when the JVM has not used the key. */
  public Map<String, Long> key(String redisKey) {
    TabularData keys = (TabularData) attribute("Keys");
    CompositeData row = keys.get(new Object[] {redisKey});
    return row == null ? Collections.emptyMap() : counters((CompositeData) row.get("value"));
  }

  /** The words of one Redis key from the {@code Keys} attribute ({@code state}, {@code lastRunOutcome}), by name. */
  public Map<String, String> words(String redisKey) {
    TabularData keys = (TabularData) attribute("Keys");
    CompositeData row = keys.get(new Object[] {redisKey});
    Map<String, String> words = new TreeMap<>();
    if (row != null) {
      CompositeData data = (CompositeData) row.get("value");
      for (String item : data.getCompositeType().keySet()) {
        if (data.get(item) instanceof String) {
          words.put(item, (String) data.get(item));
        }
      }
    }
    return words;
  }

  @Override
  public void close() {
    closeQuietly(connector);
  }

  private Object attribute(String attribute) {
    try {
      return server.getAttribute(name, attribute);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JMException e) {
      throw new IllegalStateException("cannot read " + OBJECT_NAME + "." + attribute, e);
    }
  }

  // The numbers only: lastRunOutcome is a word.
  private static Map<String, Long> counters(CompositeData data) {
    Map<String, Long> counters = new TreeMap<>();
    for (String item : data.getCompositeType().keySet()) {
      if (data.get(item) instanceof Long) {
        counters.put(item, (Long) data.get(item));
      }
    }
    return counters;
  }

  private static boolean isRegistered(MBeanServerConnection server, ObjectName name) {
    try {
      return server.isRegistered(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(JMXConnector connector) {
    try {
      connector.close();
    } catch (IOException e) {
      // The fork may be gone already; there is nothing left to release.
    }
  }
}
