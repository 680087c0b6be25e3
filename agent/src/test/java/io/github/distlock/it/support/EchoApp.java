package io.github.distlock.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A forked test application for {@link ForkedJvmIT}: reports its Java version, selected environment variables,
 * a system property and its arguments as {@code RESULT} lines, then echoes stdin lines until {@code exit}.
 */
public final class EchoApp {

  private EchoApp() {}

  public static void main(String[] args) throws IOException {
    System.out.println("RESULT java.version=" + Runtime.version().feature());
    for (String name : List.of("REDIS_HOST", "DISTLOCK_MODE")) {
      System.out.println("RESULT env." + name + "=" + Objects.requireNonNullElse(System.getenv(name), "absent"));
    }
    System.out.println("RESULT prop.echo=" + System.getProperty("echo", "absent"));
    System.out.println("RESULT args=" + String.join(",", args));
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = stdin.readLine()) != null && !line.equals("exit")) {
      System.out.println("ECHO " + line);
    }
    System.err.println("bye");
  }
}
