package io.github.distlock.it.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The host name the agent puts in the owner tokens of the JVMs a test forks on this machine. */
public final class OwnerHost {

  private OwnerHost() {}

  public static String name() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
