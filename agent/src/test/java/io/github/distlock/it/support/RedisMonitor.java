package io.github.distlock.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every command a Redis server executes, in the order it executes them, through {@code MONITOR}: the way to
 * see what a client sent when the order of two commands is the behaviour under test. Opened before the client
 * under test acts; {@link #awaitMarker} then makes sure everything executed before it has been read.
 */
public final class RedisMonitor implements AutoCloseable {

  /** One executed command: who sent it ({@code host:port}, or {@code lua} inside a script) and its words. */
  public record Command(String client, List<String> words) {}

  private final Socket socket;
  private final List<Command> commands = new ArrayList<>();

  private RedisMonitor(Socket socket) {
    this.socket = socket;
  }

  /** Connects without authentication and returns once the server has confirmed {@code MONITOR}. */
  public static RedisMonitor start(String host, int port) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) RespClient.DEFAULT_TIMEOUT.toMillis());
      socket.setSoTimeout((int) RespClient.DEFAULT_TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String reply = in.readLine();
      if (!"+OK".equals(reply)) {
        throw new IllegalStateException("MONITOR answered " + reply);
      }
      // Reading blocks until a command runs; the read timeout would only break the stream.
      socket.setSoTimeout(0);
      RedisMonitor monitor = new RedisMonitor(socket);
      Thread reader = new Thread(() -> monitor.read(in), "redis-monitor");
      reader.setDaemon(true);
      reader.start();
      return monitor;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException("cannot monitor Redis at " + host + ":" + port, e);
    }
  }

  /**
   * Sends {@code ECHO marker} through {@code client} and waits until the monitor has read it: every command that
   * Redis executed before has been recorded then.
   */
  public void awaitMarker(RespClient client, String marker, Duration timeout) {
    client.command("ECHO", marker);
    Await.until("MONITOR to show ECHO " + marker, timeout,
        () -> commands().stream().anyMatch(c -> c.words().equals(List.of("ECHO", marker))));
  }

  /** The commands recorded so far, in the order Redis executed them. */
  public List<Command> commands() {
    synchronized (commands) {
      return List.copyOf(commands);
    }
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private void read(BufferedReader in) {
    try {
      String line;
      while ((line = in.readLine()) != null) {
        Command command = parse(line);
        if (command != null) {
          synchronized (commands) {
            commands.add(command);
          }
        }
      }
    } catch (IOException e) {
      // Closed by close(): what was read is kept.
    }
  }

  /**
   * {@code +1700000000.123456 [0 127.0.0.1:5555] "SET" "k" "v"}, or null for anything else. A backslash keeps the
   * next character as it is, which is exact for printable ASCII; other bytes (Redis writes {@code \xHH}, {@code \n})
   * are not decoded.
   */
  static Command parse(String line) {
    int open = line.indexOf('[');
    int close = line.indexOf("] ", open);
    if (!line.startsWith("+") || open < 0 || close < 0) {
      return null;
    }
    String source = line.substring(open + 1, close);
    String client = source.substring(source.indexOf(' ') + 1);
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = close + 2; i < line.length(); i++) {
      char c = line.charAt(i);
      if (word == null) {
        if (c == '"') {
          word = new StringBuilder();
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
      } else if (c == '"') {
        words.add(word.toString());
        word = null;
      } else {
        word.append(c);
      }
    }
    return new Command(client, words);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing useful to do: the socket is being thrown away.
    }
  }
}
