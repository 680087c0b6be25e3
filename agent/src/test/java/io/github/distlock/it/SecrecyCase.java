package io.github.distlock.it;

import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of {@link PasswordSecrecyIT}'s table: a nasty password, the sources one forked JVM is given it through,
 * and the text that must never appear in that JVM's output. One JVM can hold one configuration, so each password
 * runs twice: once through the sources that carry it verbatim, once unencoded in a URL and unquoted in YAML.
 */
record SecrecyCase(String name, String password, List<String> fragments, Placement placement) {

  /** Where a case puts the password. */
  enum Placement {
    /**
     * Agent argument (which wins), system property, {@code REDIS_PASSWORD} and a double-quoted YAML value, with
     * {@code REDIS_HOST}/{@code REDIS_PORT} naming the server: the agent connects and Redis refuses the password.
     */
    VERBATIM,
    /**
     * Unencoded in {@code REDIS_URL} and unquoted in the YAML file: the configuration check rejects one of them,
     * or the agent connects and Redis refuses the password.
     */
    URL_AND_PLAIN_YAML,
    /** In a {@code REDIS://} URL in the environment: rejected by the configuration check. */
    UPPER_CASE_URL_IN_ENVIRONMENT,
    /** In a {@code Redis://} URL as agent argument and system property: rejected by the configuration check. */
    UPPER_CASE_URL_ON_COMMAND_LINE
  }

  private static final String REFUSED = "WRONGPASS";

  /** A nasty password and the parts of it distinctive enough that no agent message could contain them by chance. */
  private record Password(String text, List<String> fragments) {
    Password(String text, String... fragments) {
      this(text, List.of(fragments));
    }
  }

  /** Every case: 11 passwords in two placements each, and an upper-case URL in two more. */
  static List<SecrecyCase> table() {
    List<Password> passwords = List.of(
        new Password("p@ss/w:rd#1", "ss/w:rd#"),
        new Password("!Xy9secret", "Xy9secret"),
        new Password("*Xy9secret", "Xy9secret"),
        new Password("&anchorSecret", "anchorSecret"),
        new Password("\"quoted'secret", "quoted'secret", "d'sec"),
        new Password("per%25cent", "per%cent", "25cent"),
        new Password("sp ace secret", "ace secret"),
        new Password("comma,x=ysecret", "ysecret", "x=y"),
        new Password("\u00dcn\u00efc\u00f8deSecret", "deSecret"),
        new Password("{brace}secret", "{brace}", "brace}secret"),
        new Password("-dash", "-dash"));
    List<SecrecyCase> table = new ArrayList<>();
    for (Placement placement : List.of(Placement.VERBATIM, Placement.URL_AND_PLAIN_YAML)) {
      for (int i = 0; i < passwords.size(); i++) {
        Password password = passwords.get(i);
        table.add(new SecrecyCase(placement.name().toLowerCase(Locale.ROOT) + "-" + (i + 1), password.text(),
            password.fragments(), placement));
      }
    }
    table.add(new SecrecyCase("upper-env", "UpperSchemeSecret", List.of("UpperScheme"),
        Placement.UPPER_CASE_URL_IN_ENVIRONMENT));
    table.add(new SecrecyCase("upper-args", "UpperSchemeSecret", List.of("UpperScheme"),
        Placement.UPPER_CASE_URL_ON_COMMAND_LINE));
    return table;
  }

  /** The password and its distinctive fragments. */
  List<String> secrets() {
    List<String> secrets = new ArrayList<>(fragments);
    secrets.add(password);
    return secrets;
  }

  void configure(ForkedJvm jvm, String hostAndPort, Path dir) throws IOException {
    String url = "redis://:" + password + "@" + hostAndPort;
    switch (placement) {
      case VERBATIM -> {
        Path file = PasswordSecrecyIT.yaml(dir, name, "redis.password: \"" + yamlEscaped(password) + "\"");
        int colon = hostAndPort.lastIndexOf(':');
        jvm.withAgent("logLevel=debug,timeout=1s,connectTimeout=1s,config=" + file + ",redis.password=" + password)
            .sysProp("distlock.redis.password", password)
            .env("REDIS_PASSWORD", password)
            .env("REDIS_HOST", hostAndPort.substring(0, colon))
            .env("REDIS_PORT", hostAndPort.substring(colon + 1));
      }
      case URL_AND_PLAIN_YAML -> jvm.withAgent("logLevel=debug,timeout=1s,connectTimeout=1s")
          .env("REDIS_URL", url)
          .env("DISTLOCK_CONFIG", PasswordSecrecyIT.yaml(dir, name, "redis.password: " + password).toString());
      case UPPER_CASE_URL_IN_ENVIRONMENT -> jvm.withAgent("logLevel=debug,timeout=1s,connectTimeout=1s")
          .env("REDIS_URL", "REDIS://:" + password + "@" + hostAndPort);
      default -> jvm
          .withAgent("logLevel=debug,timeout=1s,connectTimeout=1s,redis.url=Redis://:" + password + "@" + hostAndPort)
          .sysProp("distlock.redis.url", "REDIS://user:" + password + "@" + hostAndPort);
    }
  }

  /** What this case's output lacks, given the line that ended the wait: the agent giving up or retrying. */
  List<String> check(RunningJvm app, String reached) {
    List<String> problems = new ArrayList<>();
    boolean refused = app.stderrLines().stream()
        .anyMatch(line -> line.startsWith("[distlock] WARN Redis unavailable: ")
            && line.contains(REFUSED));
    boolean rejected = reached.contains("ERROR config: invalid configuration");
    switch (placement) {
      case VERBATIM -> {
        expect(problems, refused, "Redis refused the password (" + REFUSED + ")");
        expect(problems, warned(app, "agent argument redis.password"), "the JMX warning for the agent argument");
        expect(problems, warned(app, "system property distlock.redis.password"), "the JMX warning for -D");
      }
      case URL_AND_PLAIN_YAML -> expect(problems, rejected || refused, "a rejected configuration or a refusal");
      default -> expect(problems, rejected && app.stderrLines().stream()
          .anyMatch(line -> line.contains("redis.url = \"") && line.contains(":****@")), "the URL, masked, rejected");
    }
    if (!"true".equals(app.results().get("ran"))) {
      problems.add("the locked body did not run under failMode=open");
    }
    return problems;
  }

  /** The output lines, stdout and stderr, that contain any of {@code secrets}. */
  static List<String> leaks(RunningJvm app, List<String> secrets) {
    return app.lines().stream().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
  }

  private static boolean warned(RunningJvm app, String origin) {
    return app.stderrLines().stream().anyMatch(line -> line.startsWith("[distlock] WARN config: " + origin + ": ")
        && line.contains("over JMX"));
  }

  private static void expect(List<String> problems, boolean seen, String what) {
    if (!seen) {
      problems.add("expected " + what);
    }
  }

  private static String yamlEscaped(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
