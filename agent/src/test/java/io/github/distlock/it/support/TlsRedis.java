package io.github.distlock.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} that takes TLS on {@link #tlsPort()} and requires a client certificate, with certificates
 * made by {@code openssl} for the test: a CA, a server certificate that names {@code localhost} only (no IP
 * address), a client certificate, and a second CA that signed neither. The plain port stays open for the test's
 * own checks.
 */
public final class TlsRedis implements AutoCloseable {

  private final Path dir;
  private final LocalRedisProcess server;
  private final int tlsPort;

  private TlsRedis(Path dir, LocalRedisProcess server, int tlsPort) {
    this.dir = dir;
    this.server = server;
    this.tlsPort = tlsPort;
  }

  /** Makes the certificates in {@code dir} and starts the server; skipped without redis-server, except on CI. */
  public static TlsRedis start(Path dir) {
    Path binary = LocalRedisProcess.requireBinary("TLS");
    makeCa(dir, "ca");
    makeCa(dir, "other-ca");
    makeSigned(dir, "server", "localhost", "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth");
    makeSigned(dir, "client", "distlock", "extendedKeyUsage=clientAuth");
    int tlsPort = RedisBackend.freePort();
    LocalRedisProcess server = LocalRedisProcess.start(binary, null, Persistence.NONE, List.of(), List.of(
        "--tls-port", Integer.toString(tlsPort),
        "--tls-cert-file", dir.resolve("server.crt").toString(),
        "--tls-key-file", dir.resolve("server.key").toString(),
        "--tls-ca-cert-file", dir.resolve("ca.crt").toString(),
        "--tls-auth-clients", "yes"));
    return new TlsRedis(dir, server, tlsPort);
  }

  public int tlsPort() {
    return tlsPort;
  }

  /** {@code ca.crt}, {@code other-ca.crt}, {@code client.crt}, {@code client.key}, ... */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** A plain-text client of the same server, for the test's checks. */
  public RespClient client() {
    return RespClient.connect(server.host(), server.port(), null);
  }

  @Override
  public void close() {
    server.destroy();
  }

  private static void makeCa(Path dir, String name) {
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
        "-days", "2", "-subj", "/CN=distlock test " + name);
  }

  // "-nodes" leaves the key unencrypted, and OpenSSL 3 writes it as PKCS#8, the form the agent takes.
  private static void makeSigned(Path dir, String name, String commonName, String extensions) {
    try {
      Files.write(dir.resolve(name + ".ext"), extensions.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
        "-subj", "/CN=" + commonName);
    openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run openssl; .ci/run installs it", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
