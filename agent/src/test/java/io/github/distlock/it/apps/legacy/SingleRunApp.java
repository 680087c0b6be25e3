package io.github.distlock.it.apps.legacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A legacy app that runs its report job once, prints {@code RAN}, and stays up until it reads {@code exit}: what
 * the agent reports after a while can be read from a JVM that is still running.
 */
public final class SingleRunApp {

  private SingleRunApp() {}

  public static void main(String[] args) throws IOException {
    new ReportJob().run(0);
    System.out.println("RAN");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
      // Only "exit" means anything.
    }
  }
}
