package io.github.distlock.it.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal blocking RESP2 client, so tests can inspect Redis without depending on the client library under test.
 *
 * <p>Replies map to {@link String} (simple and bulk strings), {@link Long} (integers), {@code null} (nil) and
 * {@code List<Object>} (arrays). An error reply at the top level is thrown as {@link RedisErrorException}; one nested
 * in an array (as in {@code EXEC}) stays in the list as that exception. After an I/O error the connection is out of
 * step with the server, so every later command fails fast.
 */
public final class RespClient implements AutoCloseable {

  /** The default connect and read timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private boolean broken;

  private RespClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  /** Connects with {@link #DEFAULT_TIMEOUT}, authenticating when {@code password} is not null. */
  public static RespClient connect(String host, int port, String password) {
    return connect(host, port, password, DEFAULT_TIMEOUT);
  }

  /** Connects with the given connect and read timeout, authenticating when {@code password} is not null. */
  public static RespClient connect(String host, int port, String password, Duration timeout) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      RespClient client = new RespClient(socket);
      if (password != null) {
        client.command("AUTH", password);
      }
      return client;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException("cannot connect to Redis at " + host + ":" + port, e);
    } catch (RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /** Sends one command and returns its decoded reply. */
  public Object command(String... args) {
    if (broken) {
      throw new IllegalStateException("connection is unusable after an earlier I/O error");
    }
    try {
      writeCommand(args);
      Object reply = readReply();
      if (reply instanceof RedisErrorException error) {
        throw error;
      }
      return reply;
    } catch (IOException e) {
      broken = true;
      throw new UncheckedIOException("Redis command " + args[0] + " failed", e);
    }
  }

  public String get(String key) {
    return (String) command("GET", key);
  }

  public boolean exists(String key) {
    return (Long) command("EXISTS", key) > 0;
  }

  public long pttl(String key) {
    return (Long) command("PTTL", key);
  }

  public long del(String... keys) {
    return (Long) command(prepend("DEL", keys));
  }

  public long incr(String key) {
    return (Long) command("INCR", key);
  }

  public String set(String key, String value) {
    return (String) command("SET", key, value);
  }

  /** {@code SET key value NX PX ms}: true when the key was set, false when it already existed. */
  public boolean setNxPx(String key, String value, long millis) {
    return command("SET", key, value, "NX", "PX", Long.toString(millis)) != null;
  }

  public String info(String section) {
    return (String) command("INFO", section);
  }

  /** How often {@code command} ran since the server started, from {@code INFO commandstats}; 0 if never. */
  public long commandCalls(String command) {
    String prefix = "cmdstat_" + command.toLowerCase(Locale.ROOT) + ":calls=";
    for (String line : info("commandstats").split("\r\n")) {
      if (line.startsWith(prefix)) {
        int end = line.indexOf(',', prefix.length());
        return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
      }
    }
    return 0;
  }

  public List<String> keys(String pattern) {
    List<String> keys = new ArrayList<>();
    for (Object key : (List<?>) command("KEYS", pattern)) {
      keys.add((String) key);
    }
    return keys;
  }

  /**
   * The keys matching {@code pattern} but the companions that outlive a lock by design: fencing counters
   * ({@code …:fence}) and run histories ({@code …}:runs}).
   */
  public List<String> lockKeys(String pattern) {
    return keys(pattern).stream().filter(key -> !key.endsWith(":fence") && !key.endsWith("}:runs")).toList();
  }

  public void flushAll() {
    command("FLUSHALL");
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private void writeCommand(String[] args) throws IOException {
    out.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write('\r');
      out.write('\n');
    }
    out.flush();
  }

  private Object readReply() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("server closed the connection");
    }
    String line = readLine();
    return switch (type) {
      case '+' -> line;
      case '-' -> new RedisErrorException(line);
      case ':' -> Long.parseLong(line);
      case '$' -> readBulk(Integer.parseInt(line));
      case '*' -> readArray(Integer.parseInt(line));
      default -> throw new IOException("unexpected RESP type byte '" + (char) type + "' before: " + line);
    };
  }

  private List<Object> readArray(int count) throws IOException {
    if (count < 0) {
      return null;
    }
    List<Object> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(readReply());
    }
    return items;
  }

  private String readBulk(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] bytes = in.readNBytes(length + 2);
    if (bytes.length < length + 2) {
      throw new EOFException("server closed the connection inside a bulk string");
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("server closed the connection inside a reply");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing useful to do: the socket is being thrown away.
    }
  }

  /** An error reply such as {@code -ERR ...} or {@code -NOAUTH ...}; the message is the reply without the dash. */
  public static final class RedisErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RedisErrorException(String message) {
      super(message);
    }
  }
}
