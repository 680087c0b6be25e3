package io.github.distlock.bench.calls;

/**
 * Where the harness's own {@code redis-server} listens, as passed to every benchmark JVM. Never the machine's
 * default port: other software on the machine may use that Redis.
 */
public final class BenchRedis {

  /** System property carrying the port into the forked benchmark JVMs. */
  public static final String PORT_PROPERTY = "bench.redis.port";
  public static final String HOST = "127.0.0.1";

  private BenchRedis() {}

  public static int port() {
    String port = System.getProperty(PORT_PROPERTY);
    if (port == null) {
      throw new IllegalStateException("-D" + PORT_PROPERTY + " is not set: run the benchmarks through BenchMain");
    }
    return Integer.parseInt(port);
  }

  public static String url() {
    return url(port());
  }

  public static String url(int port) {
    return "redis://" + HOST + ":" + port;
  }
}
