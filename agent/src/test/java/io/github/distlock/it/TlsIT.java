package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ProtocolApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import io.github.distlock.it.support.TlsRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a {@code redis-server} that requires TLS and a client certificate: the job locks over
 * TLS, a server the configured CA did not sign is refused (the job then follows the fail mode; nothing goes over
 * plain text), and {@code redis.tls.verify} decides whether the certificate must name the host.
 */
class TlsIT {

  private static final Duration STEP = Duration.ofSeconds(60);

  @TempDir static Path dir;
  private static TlsRedis redis;

  @BeforeAll
  static void start() {
    redis = TlsRedis.start(dir);
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aJobLocksOverTlsWithAClientCertificateAndFullVerification() {
    try (RunningJvm app = app("localhost", "")) {
      app.awaitLine("^READY", STEP);
      app.writeLine("plain");
      app.awaitLine("^DONE 1", STEP);
      assertEquals("true", app.results().get("plainLocked.1"), app.output());
      try (RespClient client = redis.client()) {
        String clients = String.valueOf(client.command("CLIENT", "LIST"));
        assertTrue(clients.contains("laddr=127.0.0.1:" + redis.tlsPort()), "the agent's connection is on the TLS"
            + " port:\n" + clients);
      }
      assertFalse(app.output().contains("PRIVATE KEY"), "the key's content is never printed");
    }
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() {
    try (RunningJvm app = app("localhost", ",redis.tls.caFile=" + redis.file("other-ca.crt"))) {
      assertEquals("false", plainLocked(app), "failMode=open runs the job without a lock: " + app.output());
      assertTrue(app.output().contains("cannot connect to rediss://localhost:" + redis.tlsPort() + "/0"),
          app.output());
      assertTrue(app.output().contains("unable to find valid certification path"), app.output());
    }
  }

  @Test
  void verifyCaAcceptsACertificateThatDoesNotNameTheHostAndFullRefusesIt() {
    // The server's certificate names localhost, not 127.0.0.1.
    try (RunningJvm full = app("127.0.0.1", "")) {
      assertEquals("false", plainLocked(full), full.output());
      assertTrue(full.output().contains("No subject alternative names matching IP address 127.0.0.1 found"),
          full.output());
    }
    try (RunningJvm ca = app("127.0.0.1", ",redis.tls.verify=ca")) {
      assertEquals("true", plainLocked(ca), ca.output());
    }
  }

  @Test
  void aKeyFileThatIsNotPemStopsTheAgentBeforeConnectingAndSaysWhich() throws IOException {
    Path notPem = Files.write(dir.resolve("not-a-key.pem"), List.of("hello"));
    try (RunningJvm app = app("localhost", ",redis.tls.keyFile=" + notPem)) {
      assertEquals("false", plainLocked(app), app.output());
      assertTrue(app.output().contains("[distlock] ERROR config: redis.tls.caFile/certFile/keyFile cannot be used:"),
          app.output());
      assertFalse(app.output().contains("cannot connect to rediss://"), "no connection was tried: " + app.output());
    }
  }

  @Test
  void verifyNoneLocksAndSaysLoudlyThatNothingIsChecked() {
    try (RunningJvm app = app("127.0.0.1", ",redis.tls.verify=none")) {
      assertEquals("true", plainLocked(app), app.output());
      assertTrue(app.output().contains("[distlock] WARN config: agent argument redis.tls.verify: redis.tls.verify ="
          + " none: the server's certificate is not checked"), app.output());
    }
  }

  // extraSettings come last: of two agent arguments of the same name, the later one wins.
  private static RunningJvm app(String host, String extraSettings) {
    return ForkedJvm.main(ProtocolApp.class).name("tls")
        .withAgent("redis.url=rediss://" + host + ":" + redis.tlsPort() + ",connectTimeout=3s"
            + ",redis.tls.caFile=" + redis.file("ca.crt") + ",redis.tls.certFile=" + redis.file("client.crt")
            + ",redis.tls.keyFile=" + redis.file("client.key") + extraSettings)
        .start();
  }

  private static String plainLocked(RunningJvm app) {
    app.awaitLine("^READY", STEP);
    app.writeLine("plain");
    app.awaitLine("^DONE 1", STEP);
    String locked = app.results().get("plainLocked.1");
    app.writeLine("exit");
    app.awaitExit(STEP);
    return locked;
  }
}
