package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.config.LoadedConfig;
import io.github.distlock.agent.core.dashboard.DashboardServer;
import io.github.distlock.agent.core.redis.FleetHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code dashboard [--port N] [--bind ADDR] [--token T]}: serves the read-only dashboard from this process until it
 * is stopped. Meant for an operator's machine or a pod beside the fleet, never inside the application's JVMs.
 */
final class DashboardCommand {

  static final String TOKEN_ENV = "DISTLOCK_DASHBOARD_TOKEN";
  static final int DEFAULT_PORT = 8642;

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar distlock-agent.jar dashboard [--port N] [--bind ADDR] [--token T] [key=value,...]",
      "",
      "Serves a read-only web page of the fleet's locks and runs: who holds what, each job's state and a timeline",
      "of its recent runs, one lane per replica. Listens on 127.0.0.1:" + DEFAULT_PORT + " by default; any other",
      "address requires a token (--token or " + TOKEN_ENV + "), asked of every request: open /?token=T once",
      "in the browser, or send Authorization: Bearer T. Runs until stopped.",
      "The connection settings are the agent's (REDIS_* and DISTLOCK_* variables, -Ddistlock.*, key=value).");

  private final PrintStream out;
  private final PrintStream err;

  DashboardCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    int port = DEFAULT_PORT;
    String bind = "127.0.0.1";
    String token = System.getenv(TOKEN_ENV);
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      boolean valued = arg.equals("--port") || arg.equals("--bind") || arg.equals("--token");
      if (valued && i + 1 == args.length) {
        err.println("distlock dashboard: " + arg + " needs a value");
        return Cli.USAGE;
      }
      if (arg.equals("--port")) {
        try {
          port = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 0 || port > 65_535) {
          err.println("distlock dashboard: --port takes a port number from 0 to 65535");
          return Cli.USAGE;
        }
      } else if (arg.equals("--bind")) {
        bind = args[++i];
      } else if (arg.equals("--token")) {
        token = args[++i];
      } else {
        rest.add(arg);
      }
    }
    CommandArgs parsed = CommandArgs.parse(rest.toArray(new String[0]));
    int early = parsed.earlyExit("dashboard", USAGE, 0, out, err);
    if (early >= 0) {
      return early;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      err.println("distlock dashboard: --bind " + bind + " is not an address of this machine");
      return Cli.USAGE;
    }
    if (token != null && token.isEmpty()) {
      token = null;
    }
    if (!address.isLoopbackAddress() && token == null) {
      err.println("distlock dashboard: listening on " + bind + " lets other machines read the fleet's jobs; give"
          + " it a token with --token or " + TOKEN_ENV);
      return Cli.USAGE;
    }
    LoadedConfig loaded = CommandConfig.reachable("dashboard", parsed.settings, err);
    if (loaded == null) {
      return Cli.FAILED;
    }
    FleetHistory fleet = new FleetHistory(loaded.config());
    DashboardServer server;
    try {
      server = new DashboardServer(fleet, loaded.config().keyPrefix(), new InetSocketAddress(address, port), token);
    } catch (IOException e) {
      err.println("distlock dashboard: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      fleet.close();
      return Cli.FAILED;
    }
    server.start();
    String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
        : address.getHostAddress();
    out.println("distlock dashboard: serving http://" + host + ":" + server.port() + "/ (prefix \""
        + loaded.config().keyPrefix() + "\" on " + fleet.where() + (token == null ? "" : "; token required")
        + "); stop it with Ctrl-C");
    out.flush();
    awaitStop(server, fleet);
    return Cli.OK;
  }

  // Serves until the JVM is told to stop (Ctrl-C, SIGTERM), then closes the server and the connection.
  private static void awaitStop(DashboardServer server, FleetHistory fleet) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      fleet.close();
      stopped.countDown();
    }, "distlock-dashboard-stop"));
    boolean interrupted = false;
    while (stopped.getCount() > 0) {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
