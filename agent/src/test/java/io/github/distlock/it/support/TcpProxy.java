package io.github.distlock.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a Redis server, for faults that a server process alone cannot produce: a connection cut
 * while Redis keeps its data, and a command that Redis executed whose reply never reaches the client.
 */
public final class TcpProxy implements AutoCloseable {

  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private volatile boolean swallowReplies;

  private TcpProxy(String upstreamHost, int upstreamPort) {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the proxy's port", e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy on a free loopback port that forwards to {@code host:port}. */
  public static TcpProxy to(String host, int port) {
    return new TcpProxy(host, port);
  }

  /** {@code redis://127.0.0.1:<proxy port>}. */
  public String url() {
    return "redis://127.0.0.1:" + listener.getLocalPort();
  }

  /** Closes every connection and refuses new ones (accepts and closes them) until {@link #restore()}. */
  public void cut() {
    cut = true;
    swallowReplies = false;
    sockets.forEach(TcpProxy::closeQuietly);
  }

  /** Forwards again, replies included. */
  public void restore() {
    swallowReplies = false;
    cut = false;
  }

  /** From now on, commands still reach Redis but its replies are dropped: a call waits as if the reply were lost. */
  public void swallowReplies() {
    swallowReplies = true;
  }

  @Override
  public void close() {
    cut = true;
    closeQuietly(listener);
    sockets.forEach(TcpProxy::closeQuietly);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      if (cut) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket upstream = new Socket(upstreamHost, upstreamPort);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream, false);
        pump(upstream, client, true);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean replies) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0 && !cut; n = in.read(buffer)) {
          if (!(replies && swallowReplies)) {
            out.write(buffer, 0, n);
            out.flush();
          }
        }
      } catch (IOException e) {
        // The other side went away or cut() closed the sockets.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    }, "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
