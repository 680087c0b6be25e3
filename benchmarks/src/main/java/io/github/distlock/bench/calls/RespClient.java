package io.github.distlock.bench.calls;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A few Redis commands over a plain socket, for set-up work in JVMs that must not contain a Redis client library:
 * the benchmark JVMs with the agent (see {@code CallCostSuite}) and the harness itself.
 */
public final class RespClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RespClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream());
  }

  public static RespClient connect(int port) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(BenchRedis.HOST, port), 1000);
      socket.setSoTimeout(5000);
      return new RespClient(socket);
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one command and returns its reply line: {@code +OK}, {@code :1}, {@code $-1}, {@code -ERR ...}. */
  public String call(String... words) {
    StringBuilder command = new StringBuilder().append('*').append(words.length).append("\r\n");
    for (String word : words) {
      command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
          .append("\r\n");
    }
    try {
      out.write(command.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      String reply = readLine();
      if (reply.startsWith("$") && !reply.equals("$-1")) {
        // A bulk string: its payload follows on the next line.
        return readLine();
      }
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("Redis closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to do with it.
    }
  }
}
