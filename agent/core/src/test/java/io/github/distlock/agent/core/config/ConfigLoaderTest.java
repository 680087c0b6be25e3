package io.github.distlock.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.agent.core.base.LogLevel;
import io.github.distlock.bootstrap.FailMode;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the agent combines its sources (agent arguments, {@code distlock.*} system properties, {@code DISTLOCK_*}
 * and seed {@code REDIS_*} environment variables, the YAML file, defaults) and how it reports bad input.
 */
class ConfigLoaderTest {

  private static final String GADGET =
      "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/x\"]]]]";

  @TempDir Path dir;

  private String agentArgs;
  private final Properties properties = new Properties();
  private final Map<String, String> env = new HashMap<>();

  // ---- defaults and precedence ----

  @Test
  void defaultsApplyWhenNothingIsConfigured() {
    LoadedConfig loaded = load();
    AgentConfig config = loaded.config();
    assertAll(
        () -> assertEquals(List.of(), loaded.errors()),
        () -> assertEquals(List.of(), loaded.warnings()),
        () -> assertNull(config.redisUrl()),
        () -> assertEquals("localhost", config.redisHost()),
        () -> assertEquals(6379, config.redisPort()),
        () -> assertNull(config.redisUsername()),
        () -> assertNull(config.redisPassword()),
        () -> assertNull(config.redisDb()),
        () -> assertEquals("", config.keyPrefix()),
        () -> assertEquals(Duration.ofSeconds(2), config.timeout()),
        () -> assertEquals(Duration.ofSeconds(10), config.connectTimeout()),
        () -> assertEquals(FailMode.OPEN, config.failMode()),
        () -> assertEquals(Duration.ofSeconds(30), config.defaultTtl()),
        () -> assertEquals(LogLevel.INFO, config.logLevel()));
  }

  @Test
  void minReplicasIsACountAndABadOneKeepsLockingWithoutReplicaChecks() {
    agentArgs = "minReplicas=2";
    assertEquals(2, valid().minReplicas());
    agentArgs = "minReplicas=two";
    assertContains(errorThatKeepsLocking(load()), "minReplicas = \"two\" is not valid: expected a number of"
        + " replicas from 0 to 100; using the default, 0");
  }

  // ---- Redis Cluster ----

  @Test
  void clusterNodesComeAsAListFromArgumentsOrYamlAndReplaceTheUrl() throws IOException {
    agentArgs = "redis.cluster.nodes=10.0.0.1:7000,10.0.0.2:7001, redis-2.internal:7002";
    assertEquals(List.of("10.0.0.1:7000", "10.0.0.2:7001", "redis-2.internal:7002"), valid().clusterNodes());

    agentArgs = null;
    env.put("DISTLOCK_CONFIG", yaml("redis:", "  cluster:", "    nodes:", "      - 10.0.0.1:7000",
        "      - \"[::1]:7001\"", "  url: redis://elsewhere:6379").toString());
    LoadedConfig loaded = load();
    assertEquals(List.of("10.0.0.1:7000", "[::1]:7001"), loaded.config().clusterNodes());
    assertContains(singleWarning(loaded), "redis.url is ignored because redis.cluster.nodes is set");
  }

  @Test
  void aBadClusterNodeOrADatabaseOtherThanZeroKeepsTheAgentOffRedis() {
    agentArgs = "redis.cluster.nodes=10.0.0.1:7000,10.0.0.2";
    assertContains(errorThatStopsConnecting(load(), "redis.cluster.nodes"), "expected host:port,host:port");

    agentArgs = "redis.cluster.nodes=10.0.0.1:7000,redis.db=2";
    assertContains(errorThatStopsConnecting(load(), "redis.db"), "a Redis Cluster has database 0 only");

    // Ignoring a rediss:// URL would send the password in clear.
    agentArgs = "redis.cluster.nodes=10.0.0.1:7000,redis.url=rediss://redis.internal:6380";
    assertContains(errorThatStopsConnecting(load(), "redis.url"), "redis.url asks for TLS, which is not supported"
        + " with redis.cluster.nodes yet");
  }

  // ---- TLS ----

  @Test
  void tlsSettingsComeFromEverySourceAndNeedARedissUrl() throws IOException {
    Path ca = Files.write(dir.resolve("ca.pem"), List.of("-----BEGIN CERTIFICATE-----"));
    agentArgs = "redis.url=rediss://redis.internal:6380,redis.tls.verify=ca";
    env.put("DISTLOCK_REDIS_TLS_CA_FILE", ca.toString());
    AgentConfig config = valid();
    assertEquals(ca.toString(), config.tls().caFile());
    assertEquals(TlsVerify.CA, config.tls().verify());
    assertNull(config.tls().certFile());

    agentArgs = "redis.url=redis://redis.internal:6379";
    assertContains(errorThatStopsConnecting(load(), "redis.tls.caFile"), "redis.tls.caFile applies to TLS"
        + " connections only, and this one is not: set redis.url=rediss://host:port");
  }

  @Test
  void anUnreadableTlsFileOrHalfAClientCertificateKeepsTheAgentOffRedis() throws IOException {
    agentArgs = "redis.url=rediss://redis.internal:6380,redis.tls.caFile=" + dir.resolve("missing.pem");
    assertContains(errorThatStopsConnecting(load(), "redis.tls.caFile"), "redis.tls.caFile = \"",
        "missing.pem\" is not valid: expected a readable PEM file");

    Path cert = Files.write(dir.resolve("client.pem"), List.of("-----BEGIN CERTIFICATE-----"));
    agentArgs = "redis.url=rediss://redis.internal:6380,redis.tls.certFile=" + cert;
    assertContains(errorThatStopsConnecting(load(), "redis.tls.certFile"), "redis.tls.certFile is set without"
        + " redis.tls.keyFile");
  }

  @Test
  void tlsVerifyNoneIsWarnedAboutAndAnUnknownModeIsAnError() {
    agentArgs = "redis.url=rediss://redis.internal:6380,redis.tls.verify=none";
    LoadedConfig loaded = load();
    assertNull(loaded.connectionProblem());
    assertContains(singleWarning(loaded), "redis.tls.verify = none: the server's certificate is not checked");

    // Without redis.tls.verify, the URL's own verifyPeer applies, and none is as loud as the setting.
    agentArgs = "redis.url=rediss://redis.internal:6380?verifyPeer=NONE";
    loaded = load();
    assertNull(loaded.connectionProblem());
    assertNull(loaded.config().tls().verify());
    assertContains(singleWarning(loaded), "redis.url asks for verifyPeer=none: the server's certificate is not"
        + " checked");

    agentArgs = "redis.url=rediss://redis.internal:6380,redis.tls.verify=strict";
    assertContains(errorThatStopsConnecting(load(), "redis.tls.verify"), "expected full, ca or none");
  }

  @Test
  void propertiesAndVariablesOutsideTheDistlockNamespacesAreIgnored() {
    properties.setProperty("java.version", "17");
    properties.setProperty("distlockish.timeout", "nonsense");
    env.put("PATH", "/usr/bin");
    env.put("REDIS_SENTINELS", "whatever");
    assertValid(load());
  }

  @Test
  void agentArgumentOverridesSystemProperty() {
    agentArgs = "timeout=1s";
    properties.setProperty("distlock.timeout", "3s");
    assertEquals(Duration.ofSeconds(1), valid().timeout());
  }

  @Test
  void systemPropertyOverridesDistlockEnvironmentVariable() {
    properties.setProperty("distlock.redis.host", "from-property");
    env.put("DISTLOCK_REDIS_HOST", "from-env");
    assertEquals("from-property", valid().redisHost());
  }

  @Test
  void distlockEnvironmentVariableOverridesSeedVariable() {
    env.put("DISTLOCK_REDIS_PORT", "6380");
    env.put("REDIS_PORT", "6390");
    assertEquals(6380, valid().redisPort());
  }

  @Test
  void seedVariableOverridesConfigFile() throws IOException {
    env.put("DISTLOCK_CONFIG", yaml("redis:", "  port: 7000").toString());
    env.put("REDIS_PORT", "6390");
    assertEquals(6390, valid().redisPort());
  }

  @Test
  void configFileOverridesDefaults() throws IOException {
    agentArgs = "config=" + yaml("failMode: closed", "defaultTtl: 1m");
    AgentConfig config = valid();
    assertEquals(FailMode.CLOSED, config.failMode());
    assertEquals(Duration.ofMinutes(1), config.defaultTtl());
  }

  @Test
  void overriddenBadValueIsNotReportedBecauseOnlyTheWinnerIsUsed() {
    env.put("REDIS_PORT", "abc");
    agentArgs = "redis.port=6380";
    assertEquals(6380, valid().redisPort());
  }

  @Test
  void seedVariablesConfigureRedisAsInTheNestJsService() {
    env.put("REDIS_HOST", "redis.internal");
    env.put("REDIS_PORT", "6390");
    env.put("REDIS_PASSWORD", "pw");
    env.put("REDIS_DB", "3");
    env.put("REDIS_KEY_PREFIX", "app:");
    AgentConfig config = valid();
    assertAll(
        () -> assertEquals("redis.internal", config.redisHost()),
        () -> assertEquals(6390, config.redisPort()),
        () -> assertEquals("pw", config.redisPassword()),
        () -> assertEquals(3, config.redisDb()),
        () -> assertEquals("app:", config.keyPrefix()));
  }

  @Test
  void distlockVariablesUseUpperSnakeCaseOfTheKey() {
    env.put("DISTLOCK_KEY_PREFIX", "jobs:");
    env.put("DISTLOCK_FAIL_MODE", "closed");
    env.put("DISTLOCK_DEFAULT_TTL", "5m");
    env.put("DISTLOCK_LOG_LEVEL", "debug");
    env.put("DISTLOCK_REDIS_USERNAME", "worker");
    AgentConfig config = valid();
    assertAll(
        () -> assertEquals("jobs:", config.keyPrefix()),
        () -> assertEquals(FailMode.CLOSED, config.failMode()),
        () -> assertEquals(Duration.ofMinutes(5), config.defaultTtl()),
        () -> assertEquals(LogLevel.DEBUG, config.logLevel()),
        () -> assertEquals("worker", config.redisUsername()));
  }

  @Test
  void systemPropertiesArePrefixedWithDistlock() {
    properties.setProperty("distlock.keyPrefix", "p:");
    properties.setProperty("distlock.failMode", "closed");
    AgentConfig config = valid();
    assertEquals("p:", config.keyPrefix());
    assertEquals(FailMode.CLOSED, config.failMode());
  }

  @Test
  void agentArgumentsAreCommaSeparatedKeyValuePairs() {
    agentArgs = "redis.host=h1, redis.port = 6390,keyPrefix=a=b:";
    AgentConfig config = valid();
    assertEquals("h1", config.redisHost());
    assertEquals(6390, config.redisPort());
    assertEquals("a=b:", config.keyPrefix(), "only the first = separates key and value");
  }

  @ParameterizedTest(name = "named by {0}")
  @ValueSource(strings = {"agent argument", "system property", "environment variable", "config file"})
  void connectTimeoutIsSetByEverySource(String source) throws IOException {
    switch (source) {
      case "agent argument" -> agentArgs = "connectTimeout=25s";
      case "system property" -> properties.setProperty("distlock.connectTimeout", "25s");
      case "environment variable" -> env.put("DISTLOCK_CONNECT_TIMEOUT", "25s");
      default -> agentArgs = "config=" + yaml("connectTimeout: 25s");
    }
    assertEquals(Duration.ofSeconds(25), valid().connectTimeout());
  }

  @ParameterizedTest(name = "connectTimeout={0}")
  @ValueSource(strings = {"0", "-1s", "soon"})
  void connectTimeoutMustBeAPositiveDuration(String text) {
    env.put("DISTLOCK_CONNECT_TIMEOUT", text);
    LoadedConfig loaded = load();
    assertContains(errorThatKeepsLocking(loaded), "environment variable DISTLOCK_CONNECT_TIMEOUT",
        "a positive duration", "using the default, 10s");
    assertEquals(Duration.ofSeconds(10), loaded.config().connectTimeout());
  }

  @Test
  void keepAliveIsOffByDefaultAndTurnedOnForEveryLockBySetting() {
    assertFalse(valid().keepAlive());
    env.put("DISTLOCK_KEEP_ALIVE", "true");
    assertTrue(valid().keepAlive());
  }

  @Test
  void keepAliveTakesOnlyTrueOrFalse() {
    agentArgs = "keepAlive=yes";
    assertContains(errorThatKeepsLocking(load()), "agent argument keepAlive", "\"yes\"", "true or false");
  }

  @ParameterizedTest(name = "failMode {0}")
  @ValueSource(strings = {"CLOSED", "Closed", " closed "})
  void failModeIgnoresCaseAndWhitespace(String text) {
    agentArgs = "failMode=" + text;
    assertEquals(FailMode.CLOSED, valid().failMode());
  }

  @ParameterizedTest(name = "failMode {0}")
  @ValueSource(strings = {"lastHolder", "LASTHOLDER", "last_holder", " lastholder "})
  void failModeLastHolderIsNamedAsInTheAnnotationOrInAnyCase(String text) {
    agentArgs = "failMode=" + text;
    assertEquals(FailMode.LAST_HOLDER, valid().failMode());
    assertTrue(valid().describe().contains(" failMode=lastHolder "), valid().describe());
  }

  @ParameterizedTest(name = "named by {0}")
  @ValueSource(strings = {"agent argument", "system property", "environment variable"})
  void configFileCanBeNamedByEverySource(String source) throws IOException {
    String file = yaml("keyPrefix: \"from-file:\"").toString();
    switch (source) {
      case "agent argument" -> agentArgs = "config=" + file;
      case "system property" -> properties.setProperty("distlock.config", file);
      default -> env.put("DISTLOCK_CONFIG", file);
    }
    assertEquals("from-file:", valid().keyPrefix());
  }

  @Test
  void configFileNamedByAgentArgumentWinsOverTheOneInTheEnvironment() throws IOException {
    env.put("DISTLOCK_CONFIG", yamlNamed("other.yml", "keyPrefix: \"env-file:\"").toString());
    agentArgs = "config=" + yaml("keyPrefix: \"arg-file:\"");
    assertEquals("arg-file:", valid().keyPrefix());
  }

  @Test
  void configFileAcceptsNestedAndDottedKeys() throws IOException {
    agentArgs = "config=" + yaml(
        "redis:",
        "  host: nested-host",
        "  db: 2",
        "redis.port: 6391",
        "timeout: 750ms",
        "logLevel: warn");
    AgentConfig config = valid();
    assertAll(
        () -> assertEquals("nested-host", config.redisHost()),
        () -> assertEquals(2, config.redisDb()),
        () -> assertEquals(6391, config.redisPort()),
        () -> assertEquals(Duration.ofMillis(750), config.timeout()),
        () -> assertEquals(LogLevel.WARN, config.logLevel()));
  }

  @Test
  void configFileValuesMayBeNumbersOrQuotedStrings() throws IOException {
    agentArgs = "config=" + yaml("redis.password: 12345", "keyPrefix: \"x: \"", "timeout: 300000");
    AgentConfig config = valid();
    assertEquals("12345", config.redisPassword());
    assertEquals("x: ", config.keyPrefix());
    assertEquals(Duration.ofMinutes(5), config.timeout());
  }

  // ---- bad values: each names its source and the expected form ----
  // A bad value of a setting the fleet shares (which Redis, which keys) keeps the agent off Redis: a guess could
  // let replicas lock in different places. A bad value of any other setting is replaced by its default.

  @Test
  void seedPortThatIsNotANumberNamesTheVariableAndTheExpectedForm() {
    env.put("REDIS_PORT", "abc");
    String error = errorThatStopsConnecting(load(), "redis.port", "environment variable REDIS_PORT");
    assertContains(error, "environment variable REDIS_PORT", "\"abc\"", "port number");
  }

  @Test
  void badValueLeavesTheDefaultInPlace() {
    env.put("REDIS_PORT", "abc");
    assertEquals(6379, load().config().redisPort());
  }

  @ParameterizedTest(name = "redis.port={0}")
  @ValueSource(strings = {"0", "65536", "-1", "63.79", ""})
  void portOutsideOneTo65535IsAnError(String port) {
    agentArgs = "redis.port=" + port;
    assertContains(errorThatStopsConnecting(load(), "redis.port"), "agent argument redis.port",
        "a port number from 1 to 65535");
  }

  @Test
  void negativeTimeoutNamesTheAgentArgumentAndTheExpectedForm() {
    agentArgs = "timeout=-1s";
    LoadedConfig loaded = load();
    assertContains(errorThatKeepsLocking(loaded), "agent argument timeout", "\"-1s\"", "a positive duration",
        "\"30s\"", "using the default, 2s");
    assertEquals(Duration.ofSeconds(2), loaded.config().timeout());
  }

  @Test
  void zeroTimeoutIsAnError() {
    agentArgs = "timeout=0";
    assertContains(errorThatKeepsLocking(load()), "agent argument timeout", "a positive duration");
  }

  @Test
  void zeroDefaultTtlIsAnError() {
    properties.setProperty("distlock.defaultTtl", "0s");
    LoadedConfig loaded = load();
    assertContains(errorThatKeepsLocking(loaded), "system property distlock.defaultTtl", "a positive duration",
        "using the default, 30s");
    assertEquals(Duration.ofSeconds(30), loaded.config().defaultTtl());
  }

  @Test
  void unknownFailModeNamesEveryModeAndKeepsTheDefault() {
    env.put("DISTLOCK_FAIL_MODE", "ajar");
    LoadedConfig loaded = load();
    assertContains(errorThatKeepsLocking(loaded), "environment variable DISTLOCK_FAIL_MODE",
        "open, closed or lastHolder",
        "using the default, open");
    assertEquals(FailMode.OPEN, loaded.config().failMode());
  }

  @Test
  void unknownLogLevelNamesTheLevels() {
    agentArgs = "logLevel=verbose";
    assertContains(errorThatKeepsLocking(load()), "agent argument logLevel", "off, error, warn, info or debug");
  }

  @Test
  void negativeDatabaseIsAnError() {
    env.put("REDIS_DB", "-1");
    assertContains(errorThatStopsConnecting(load(), "redis.db", "environment variable REDIS_DB"),
        "environment variable REDIS_DB", "a database number, 0 or more");
  }

  @ParameterizedTest(name = "REDIS_HOST=\"{0}\"")
  @ValueSource(strings = {"", " ", "cache 1", "cache/0"})
  void blankOrMalformedHostIsAnError(String host) {
    env.put("REDIS_HOST", host);
    assertContains(errorThatStopsConnecting(load(), "redis.host"), "environment variable REDIS_HOST",
        "a host name or IP address");
  }

  @Test
  void urlWithUnknownSchemeNamesTheAcceptedForms() {
    agentArgs = "redis.url=http://cache:6379";
    assertContains(errorThatStopsConnecting(load(), "redis.url", "agent argument redis.url"),
        "agent argument redis.url", "redis://[user:password@]host[:port][/db]");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "redis://", "redis://cache:abc", "redis://cache:0", "redis://cache:70000", "redis://cache:6379/x",
    "redis://cache 1:6379", "rediss://:secret@", "redis://p%zz@cache", "redis-sentinel://s1:26379/0",
    "redis-sentinel://s1:26379,/0#main", "redis-sentinel://s1:x/0#main", "redis-sentinel:///0#main",
    "redis-sentinel://p%zz@s1#m", "redis-sentinel://p w@s1#m", "redis-sentinel://s1#ma ster",
    "redis-sentinel://s1#m#x", "redis-sentinel://[::1]:26379,[::2]#m", "redis://:a\"b@cache", "redis://:{b}@cache",
    "redis://:a|b@cache", "redis://:a\\b@cache", "redis://:a^b@cache", "redis://:a`b@cache", "redis://:a b@cache"
  })
  void malformedUrlIsAnErrorNamingTheAcceptedForms(String url) {
    env.put("REDIS_URL", url);
    assertContains(errorThatStopsConnecting(load(), "redis.url"), "environment variable REDIS_URL",
        "redis://[user:password@]host[:port][/db]");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "redis://cache", "redis://cache:6379", "redis://cache:6379/", "redis://cache:6379/15", "rediss://u:p%40ss@cache",
    "redis://[::1]:6379/2", "redis://secret@10.0.0.7:6380/0", "redis://my_redis:6379", "redis://cache/0?timeout=1s",
    "redis-sentinel://s1:26379/0#main", "redis-sentinel://pw@s1:26379,s2/3#main", "redis-sentinel://s1#main",
    "redis-sentinel://s_1:26379#m", "redis-sentinel://s1:26379?sentinelMasterId=m",
    "redis://:!Xy9*&'()=+$,;~-_.@cache:6379", "redis://u:\u00dcn\u00efc\u00f8de@cache", "redis://:per%25cent@cache"
  })
  void wellFormedUrlIsAcceptedAndLettuceCanUseIt(String url) {
    env.put("REDIS_URL", url);
    assertTrue(load().errors().isEmpty(), () -> url + ": " + load().errors());
    // The check stands in for Lettuce's parser at start-up; a URL it lets through must not fail at connect time.
    assertDoesNotThrow(() -> RedisURI.create(url));
  }

  @Test
  void rejectedUrlIsReportedWithoutItsPassword() {
    env.put("REDIS_URL", "http://app:TopSecret77@cache:6379");
    LoadedConfig loaded = load();
    String error = singleError(loaded);
    assertContains(error, "environment variable REDIS_URL", "app:****@cache");
    assertFalse(error.contains("TopSecret77"), error);
    assertFalse(loaded.connectionProblem().contains("TopSecret77"), loaded.connectionProblem());
  }

  @Test
  void badValueInConfigFileNamesFileAndLine() throws IOException {
    Path file = yaml("keyPrefix: \"a:\"", "timeout: soon");
    agentArgs = "config=" + file;
    assertContains(errorThatKeepsLocking(load()), file + ":2", "timeout = \"soon\"", "a positive duration");
  }

  @Test
  void everyBadValueIsReportedNotJustTheFirst() {
    agentArgs = "timeout=-1s,failMode=ajar";
    env.put("REDIS_PORT", "abc");
    assertEquals(3, load().errors().size());
  }

  // ---- the YAML file ----

  @Test
  void unknownKeyInConfigFileIsAWarningNamingFileLineAndTheClosestKey() throws IOException {
    Path file = yaml("failMode: closed", "redis:", "  hots: cache");
    agentArgs = "config=" + file;
    LoadedConfig loaded = load();
    assertValid(loaded);
    assertContains(singleWarning(loaded), file + ":3", "key \"redis.hots\"", "did you mean redis.host?");
    assertEquals(FailMode.CLOSED, loaded.config().failMode(), "the rest of the file applies");
  }

  @Test
  void malformedYamlNamesFileAndLine() throws IOException {
    Path file = yaml("failMode: open", "redis:", "  host: [unclosed");
    agentArgs = "config=" + file;
    assertContains(errorThatStopsConnecting(load(), "config file " + file), file + ":", "malformed YAML");
  }

  @Test
  void malformedYamlPointsAtTheOffendingLine() throws IOException {
    Path file = yaml("failMode: open", "keyPrefix: a", "  timeout: 1s", "logLevel: info");
    agentArgs = "config=" + file;
    assertContains(errorThatStopsConnecting(load(), "config file"), file + ":3: malformed YAML");
  }

  @Test
  void malformedYamlIsReportedWithoutQuotingTheDocument() throws IOException {
    Path file = yaml("redis.password: Hunter2-in-file", "keyPrefix: a", "  timeout: 1s");
    agentArgs = "config=" + file;
    assertFalse(singleError(load()).contains("Hunter2-in-file"));
  }

  @Test
  void globalTagGadgetIsRejectedAndTheFileIsNotUsed() throws IOException {
    Path file = yaml("redis.host: " + GADGET);
    agentArgs = "config=" + file;
    LoadedConfig loaded = load();
    assertContains(errorThatStopsConnecting(loaded, "config file " + file), file + ":1", "YAML tag",
        "not allowed");
    assertEquals("localhost", loaded.config().redisHost());
  }

  @Test
  void globalTagGadgetAsTheWholeDocumentIsRejected() throws IOException {
    Path file = yaml(GADGET);
    agentArgs = "config=" + file;
    assertContains(errorThatStopsConnecting(load(), "config file"), file + ":1", "tag", "not allowed");
  }

  @Test
  void binaryTagIsRejected() throws IOException {
    Path file = yaml("redis.password: !!binary aGVsbG8=");
    agentArgs = "config=" + file;
    assertContains(errorThatStopsConnecting(load(), "redis.password"), file + ":1", "tag", "not allowed");
  }

  @Test
  void tagOnASettingOnlyThisJvmUsesIsAnErrorAndTheDefaultApplies() throws IOException {
    Path file = yaml("timeout: !!binary aGVsbG8=");
    agentArgs = "config=" + file;
    LoadedConfig loaded = load();
    assertNull(loaded.connectionProblem());
    assertContains(singleError(loaded), file + ":1", "timeout has a YAML tag");
    assertEquals(Duration.ofSeconds(2), loaded.config().timeout());
  }

  @Test
  void duplicateKeyInConfigFileNamesTheSecondOccurrence() throws IOException {
    Path file = yaml("failMode: open", "timeout: 1s", "failMode: closed");
    agentArgs = "config=" + file;
    assertContains(singleError(load()), file + ":3", "failMode is set twice");
    assertNull(load().connectionProblem());
  }

  @Test
  void sameSettingAsDottedAndNestedKeyIsADuplicate() throws IOException {
    Path file = yaml("redis.port: 6380", "redis:", "  port: 6381");
    agentArgs = "config=" + file;
    assertContains(errorThatStopsConnecting(load(), "redis.port"), file + ":3", "redis.port is set twice");
  }

  @Test
  void keyWithoutValueInConfigFileIsAnError() throws IOException {
    Path file = yaml("failMode:");
    agentArgs = "config=" + file;
    assertContains(singleError(load()), file + ":1", "failMode has no value");
  }

  @Test
  void listValueInConfigFileIsAnError() throws IOException {
    Path file = yaml("redis.host: [a, b]");
    agentArgs = "config=" + file;
    assertContains(errorThatStopsConnecting(load(), "redis.host"), file + ":1", "redis.host takes a single value");
  }

  @Test
  void mapValueOfASettingIsAnErrorThatDoesNotQuoteItsKeys() throws IOException {
    Path file = yaml("redis.password: {Hunter2-as-map}");
    agentArgs = "config=" + file;
    LoadedConfig loaded = load();
    assertContains(errorThatStopsConnecting(loaded, "redis.password"), file + ":1",
        "redis.password takes a single value");
    assertFalse(allMessages(loaded).contains("Hunter2"), allMessages(loaded));
  }

  @Test
  void configFileThatIsNotAMapIsAnError() throws IOException {
    Path file = yaml("- failMode: open");
    agentArgs = "config=" + file;
    assertContains(errorThatStopsConnecting(load(), "config file"), file + ":1", "expected a map of settings");
  }

  @Test
  void configFileCannotNameAnotherConfigFile() throws IOException {
    Path file = yaml("config: other.yml");
    agentArgs = "config=" + file;
    LoadedConfig loaded = load();
    assertValid(loaded);
    assertContains(singleWarning(loaded), file + ":1", "key \"config\" is ignored");
  }

  @Test
  void missingConfigFileIsAnErrorNamingThePathAndStopsConnecting() {
    Path missing = dir.resolve("absent.yml");
    env.put("DISTLOCK_CONFIG", missing.toString());
    assertContains(errorThatStopsConnecting(load(), "config file " + missing), missing + ": config file not found");
  }

  @Test
  void unreadableConfigFileStopsConnecting() throws IOException {
    Path notAFile = Files.createDirectory(dir.resolve("config-dir.yml"));
    agentArgs = "config=" + notAFile;
    assertContains(errorThatStopsConnecting(load(), "config file"), notAFile + ": cannot read the config file");
  }

  @Test
  void emptyConfigFileIsAccepted() throws IOException {
    agentArgs = "config=" + yaml("# nothing configured yet");
    assertValid(load());
  }

  // ---- unknown names in our namespaces: a warning naming the closest known name, never a reason to stop ----

  @Test
  void unknownAgentArgumentIsAWarningNamingTheClosestKey() {
    agentArgs = "failmode=closed,timeout=3s";
    LoadedConfig loaded = load();
    assertValid(loaded);
    assertContains(singleWarning(loaded), "agent argument \"failmode\"", "unknown setting, ignored",
        "did you mean failMode?");
    assertEquals(Duration.ofSeconds(3), loaded.config().timeout(), "the other arguments apply");
  }

  @Test
  void unknownNameFarFromEveryKnownOneListsThemAll() {
    agentArgs = "colour=blue";
    assertContains(singleWarning(load()), "agent argument \"colour\"", "known settings:", "failMode", "redis.url",
        "connectTimeout");
  }

  @Test
  void agentArgumentWithoutEqualsSignIsAWarning() {
    agentArgs = "closed";
    LoadedConfig loaded = load();
    assertValid(loaded);
    assertContains(singleWarning(loaded), "agent argument \"closed\"", "not key=value");
  }

  @Test
  void unknownDistlockSystemPropertyIsAWarningNamingTheClosestProperty() {
    properties.setProperty("distlock.redis.hots", "cache");
    LoadedConfig loaded = load();
    assertValid(loaded);
    assertContains(singleWarning(loaded), "system property distlock.redis.hots", "did you mean distlock.redis.host?");
  }

  @Test
  void unknownDistlockEnvironmentVariableIsAWarningNamingTheClosestVariable() {
    env.put("DISTLOCK_FAILMODE", "closed");
    LoadedConfig loaded = load();
    assertValid(loaded);
    assertContains(singleWarning(loaded), "environment variable DISTLOCK_FAILMODE",
        "did you mean DISTLOCK_FAIL_MODE?");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"DISTLOCK_TIMEUOT", "DISTLOCK_CONECT_TIMEOUT", "DISTLOCK_REDIS_PASWORD"})
  void misspelledVariableGetsTheIntendedName(String name) {
    env.put(name, "x");
    String intended = name.equals("DISTLOCK_TIMEUOT") ? "DISTLOCK_TIMEOUT"
        : name.equals("DISTLOCK_CONECT_TIMEOUT") ? "DISTLOCK_CONNECT_TIMEOUT" : "DISTLOCK_REDIS_PASSWORD";
    assertContains(singleWarning(load()), "did you mean " + intended + "?");
  }

  /**
   * Kubernetes service links: part of every pod's environment, never a reason to stop locking. Kubernetes injects
   * {@code <SVC>_SERVICE_HOST}, {@code <SVC>_PORT=tcp://ip:port} and more for every Service.
   */
  @Nested
  class KubernetesServiceLinks {

    @Test
    void serviceLinkInRedisPortSaysWhereRedisIsWhenNothingElseDoes() {
      env.put("REDIS_PORT", "tcp://10.0.0.5:6379");
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertEquals(List.of(), loaded.warnings());
      assertEquals("10.0.0.5", loaded.config().redisHost());
      assertEquals(6379, loaded.config().redisPort());
      assertContains(singleNote(loaded), "environment variable REDIS_PORT", "Kubernetes service link",
          "tcp://10.0.0.5:6379", "connecting to 10.0.0.5:6379");
      assertContains(loaded.config().describe(), "redis=redis://10.0.0.5:6379/0");
    }

    @Test
    void serviceLinkInRedisPortIsIgnoredWithANoteWhenRedisHostIsSet() {
      env.put("REDIS_PORT", "tcp://10.0.0.5:6390");
      env.put("REDIS_HOST", "redis.internal");
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertEquals(List.of(), loaded.warnings());
      assertEquals("redis.internal", loaded.config().redisHost());
      assertEquals(6379, loaded.config().redisPort());
      assertContains(singleNote(loaded), "environment variable REDIS_PORT", "Kubernetes service link", "ignored",
          "redis.host from environment variable REDIS_HOST");
    }

    @Test
    void serviceLinkInRedisPortIsIgnoredWithANoteWhenAUrlIsSet() {
      env.put("REDIS_PORT", "tcp://10.0.0.5:6379");
      agentArgs = "redis.url=redis://cache.internal:6380/2";
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertEquals(List.of(), loaded.warnings(), "no 'redis.port is ignored' warning for a service link");
      assertEquals("redis://cache.internal:6380/2", loaded.config().redisUrl());
      assertContains(singleNote(loaded), "environment variable REDIS_PORT", "ignored",
          "redis.url from agent argument redis.url");
    }

    @Test
    void serviceLinkPassedOverLeavesThePortOfTheNextSource() {
      env.put("DISTLOCK_REDIS_PORT", "tcp://10.0.0.9:6379");
      env.put("REDIS_HOST", "redis.internal");
      env.put("REDIS_PORT", "6390");
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertEquals(6390, loaded.config().redisPort());
      assertContains(singleNote(loaded), "environment variable DISTLOCK_REDIS_PORT", "ignored");
    }

    @Test
    void serviceLinkOfAServiceNamedDistlockRedisSaysWhereRedisIs() {
      env.put("DISTLOCK_REDIS_PORT", "tcp://10.0.0.9:6379");
      env.put("DISTLOCK_REDIS_SERVICE_HOST", "10.0.0.9");
      env.put("DISTLOCK_REDIS_SERVICE_PORT", "6379");
      env.put("DISTLOCK_REDIS_PORT_6379_TCP", "tcp://10.0.0.9:6379");
      env.put("DISTLOCK_REDIS_PORT_6379_TCP_PROTO", "tcp");
      env.put("DISTLOCK_REDIS_PORT_6379_TCP_PORT", "6379");
      env.put("DISTLOCK_REDIS_PORT_6379_TCP_ADDR", "10.0.0.9");
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertEquals(List.of(), loaded.warnings());
      assertEquals("10.0.0.9", loaded.config().redisHost());
      assertContains(singleNote(loaded), "environment variable DISTLOCK_REDIS_PORT", "connecting to 10.0.0.9:6379");
    }

    @Test
    void serviceLinkOfTheHigherSourceWinsOverALowerOne() {
      env.put("DISTLOCK_REDIS_PORT", "tcp://10.0.0.9:6379");
      env.put("REDIS_PORT", "tcp://10.0.0.5:6379");
      assertEquals("10.0.0.9", valid().redisHost());
    }

    @Test
    void variablesOfAServiceNamedDistlockAreNotSettings() {
      env.put("DISTLOCK_SERVICE_HOST", "10.0.0.7");
      env.put("DISTLOCK_SERVICE_PORT", "8080");
      env.put("DISTLOCK_SERVICE_PORT_HTTP", "8080");
      env.put("DISTLOCK_PORT", "tcp://10.0.0.7:8080");
      env.put("DISTLOCK_PORT_8080_TCP", "tcp://10.0.0.7:8080");
      env.put("DISTLOCK_PORT_8080_TCP_PROTO", "tcp");
      env.put("DISTLOCK_PORT_8080_TCP_PORT", "8080");
      env.put("DISTLOCK_PORT_8080_TCP_ADDR", "10.0.0.7");
      env.put("DISTLOCK_METRICS_SERVICE_HOST", "10.0.0.8");
      env.put("DISTLOCK_METRICS_SERVICE_PORT_PROM", "9090");
      env.put("DISTLOCK_METRICS_PORT", "udp://10.0.0.8:9090");
      env.put("DISTLOCK_METRICS_PORT_9090_UDP_ADDR", "10.0.0.8");
      env.put("DISTLOCK_DNS_PORT_53_SCTP", "sctp://10.0.0.9:53");
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertEquals(List.of(), loaded.warnings());
      assertEquals(List.of(), loaded.notes());
      assertEquals("localhost", loaded.config().redisHost());
    }

    @Test
    void otherVariablesOfAServiceNamedRedisAreNotRead() {
      env.put("REDIS_PORT", "tcp://10.0.0.5:6379");
      env.put("REDIS_SERVICE_HOST", "10.0.0.6");
      env.put("REDIS_SERVICE_PORT", "6390");
      env.put("REDIS_PORT_6379_TCP_ADDR", "10.0.0.6");
      assertEquals("10.0.0.5", valid().redisHost());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp://x:99999", "tcp://x:0", "tcp://10.0.0.5", "tcp://:6379", "tcp://x:63a9", "tcp://"})
    void serviceLinkThatWouldBeUsedIsValidated(String link) {
      env.put("REDIS_PORT", link);
      LoadedConfig loaded = load();
      assertContains(errorThatStopsConnecting(loaded, "redis.port", "environment variable REDIS_PORT"),
          "environment variable REDIS_PORT", "\"" + link + "\"", "a port number from 1 to 65535",
          "a Kubernetes service link tcp://host:port");
    }

    @Test
    void serviceLinkToAnIpv6AddressIsUsed() {
      env.put("REDIS_PORT", "tcp://[fd00::5]:6379");
      AgentConfig config = valid();
      assertEquals("fd00::5", config.redisHost());
      assertEquals(6379, config.redisPort());
    }

    @Test
    void serviceLinkGivenAsAnAgentArgumentIsUnderstoodToo() {
      agentArgs = "redis.port=tcp://10.0.0.5:6380";
      AgentConfig config = valid();
      assertEquals("10.0.0.5", config.redisHost());
      assertEquals(6380, config.redisPort());
    }

    @Test
    void udpServiceLinkIsIgnoredWithANote() {
      env.put("REDIS_PORT", "udp://10.0.0.5:6379");
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertEquals("localhost", loaded.config().redisHost());
      assertContains(singleNote(loaded), "environment variable REDIS_PORT", "ignored");
    }
  }

  // ---- the start-up line and warnings ----

  @Test
  void describeShowsEveryEffectiveValue() {
    assertEquals("redis=redis://localhost:6379/0 username=(none) password=(none) keyPrefix=\"\" timeout=2s"
        + " connectTimeout=10s failMode=open defaultTtl=30s keepAlive=false history=100runs,7d logLevel=info", load().config().describe());
  }

  @Test
  void describeMasksThePassword() {
    env.put("REDIS_PASSWORD", "Hunter2-Secret");
    String line = valid().describe();
    assertContains(line, "password=****");
    assertFalse(line.contains("Hunter2-Secret"), line);
  }

  @ParameterizedTest(name = "{0} is shown as {1}")
  @CsvSource({
    "redis://user:secret@h:1/0, redis://user:****@h:1/0",
    "redis://:secret@h:1/0, redis://:****@h:1/0",
    "redis://secret@h:1/0, redis://****@h:1/0",
    "rediss://user:secret@h:1, rediss://user:****@h:1"
  })
  void describeMasksThePasswordInsideTheUrl(String url, String shown) {
    agentArgs = "redis.url=" + url;
    String line = valid().describe();
    assertContains(line, "redis=" + shown);
    assertFalse(line.contains("secret"), line);
  }

  @Test
  void describeShowsAnExplicitDatabaseNextToTheUrl() {
    agentArgs = "redis.url=redis://h:1/0,redis.db=4";
    assertContains(valid().describe(), "redis=redis://h:1/0 db=4");
  }

  @Test
  void urlWithHostSetWarnsThatTheHostIsIgnored() {
    agentArgs = "redis.url=redis://cache:6379";
    env.put("DISTLOCK_REDIS_HOST", "other");
    LoadedConfig loaded = load();
    assertValid(loaded);
    assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
    assertContains(loaded.warnings().get(0), "environment variable DISTLOCK_REDIS_HOST",
        "redis.host is ignored because redis.url is set", "agent argument redis.url");
  }

  @Test
  void urlWithSeedPortSetWarnsThatThePortIsIgnored() {
    env.put("REDIS_URL", "redis://cache:6379");
    env.put("REDIS_PORT", "6390");
    LoadedConfig loaded = load();
    assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
    assertContains(loaded.warnings().get(0), "environment variable REDIS_PORT", "redis.port is ignored");
  }

  @Test
  void urlAloneGivesNoWarning() {
    agentArgs = "redis.url=redis://cache:6379";
    assertEquals(List.of(), load().warnings());
  }

  /** Secrets are never printed, whatever the input: passwords in every shape and place a user may give them. */
  @Nested
  class Secrets {

    @ParameterizedTest(name = "{0} is shown as {1}")
    @CsvSource(delimiter = '|', value = {
      "redis://:pa/ss@h:1 | redis://:****@h:1",
      "redis://u:p@ss:w#rd@h:1 | redis://u:****@h:1",
      "REDIS://:Xy9secret@h:1 | REDIS://:****@h:1",
      "Rediss://user:Xy9secret@h | Rediss://user:****@h",
      "redis://p@ss:Xy9secret@h | redis://****@h",
      "redis://:sp ace Xy9secret@h | redis://:****@h",
      "redis://:Xy9%zz@h | redis://:****@h",
      "http//app:Xy9secret@h | ****@h",
      "Xy9secret@cache:6379 | ****@cache:6379",
      "pass@Xy9secret://h | ****@Xy9secret://h",
      "redis://h:1/0?clientName=a@b | redis://h:1/0?clientName=a@b",
      "redis://:Xy9secret | redis://:****",
      "redis://cache:Xy9secret/0 | redis://cache:****",
      "redis://cache:6379/x | redis://cache:6379/x",
      "redis-sentinel://:Xy9secret@s1:26379/0#main | redis-sentinel://:****@s1:26379/0#main"
    })
    void maskHidesTheUserInfoOfAnyTextThatHasOne(String text, String shown) {
      String masked = RedisUrls.mask(text);
      assertEquals(shown, masked);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis://:pa/Xy9secret@h:1", "redis://u:p@ss:w#Xy9secret@h:1", "REDIS://:Xy9secret@h:1",
      "redis://:Xy9secret", "redis://u:Xy9secret@", "http//app:Xy9secret@h"})
    void malformedUrlIsReportedWithoutItsPassword(String url) {
      env.put("REDIS_URL", url);
      LoadedConfig loaded = load();
      assertContains(errorThatStopsConnecting(loaded, "redis.url"), "environment variable REDIS_URL");
      assertNoSecret(loaded, "Xy9secret");
    }

    @Test
    void urlPutInTheHostSettingIsReportedWithoutItsPassword() {
      env.put("REDIS_HOST", "redis://:Xy9secret@cache");
      LoadedConfig loaded = load();
      assertContains(errorThatStopsConnecting(loaded, "redis.host"), "environment variable REDIS_HOST");
      assertNoSecret(loaded, "Xy9secret");
    }

    @ParameterizedTest(name = "redis.password: {0}")
    @ValueSource(strings = {"!Xy9secret", "*Xy9secret", "&Xy9secret", "!!Xy9secret", "!<Xy9secret>", "!Xy9secret!x y",
      "\"Xy9secret", "'Xy9secret", "{Xy9secret}", "[Xy9secret]", "{Xy9}secret", "\"Xy9secret\\q\"",
      "\"a\\uXy9secret\"", "|Xy9secret", "%Xy9secret", "@Xy9secret", "*Xy9 secret", "Xy9secret: x"})
    void yamlValueThatIsNotPlainTextIsReportedWithoutQuotingIt(String value) throws IOException {
      Path file = yaml("logLevel: info", "redis.password: " + value, "keyPrefix: a");
      agentArgs = "config=" + file;
      LoadedConfig loaded = load();
      assertNotNull(loaded.connectionProblem(), "the password cannot be read: " + allMessages(loaded));
      assertContains(String.join("\n", loaded.errors()), file + ":");
      assertNoSecret(loaded, "Xy9");
    }

    @Test
    void yamlTagErrorSaysHowToQuote() throws IOException {
      Path file = yaml("redis.password: !Xy9secret");
      agentArgs = "config=" + file;
      assertContains(singleError(load()), file + ":1", "YAML tag", "double quotes");
    }

    @Test
    void quotedYamlValueIsReadAsIs() throws IOException {
      agentArgs = "config=" + yaml("redis.password: \"!Xy9 *secret, &x\"");
      assertEquals("!Xy9 *secret, &x", valid().redisPassword());
    }

    @Test
    void agentArgumentPasswordKeepsItsCommasAndNoFragmentIsNamed() {
      agentArgs = "redis.password=comma,x=Xy9secret,y=z,timeout=3s";
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertEquals("comma,x=Xy9secret,y=z", loaded.config().redisPassword());
      assertEquals(Duration.ofSeconds(3), loaded.config().timeout());
      assertNoSecret(loaded, "Xy9secret");
      assertFalse(allMessages(loaded).contains("\"x\""), allMessages(loaded));
    }

    @Test
    void aSecretWithoutAValueTakesNoFragmentAndTheAgentStillStarts() {
      agentArgs = "redis.password,keyprefix=x,failMode=closed";
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertNull(loaded.config().redisPassword());
      assertEquals(FailMode.CLOSED, loaded.config().failMode());
      assertTrue(loaded.warnings().stream().anyMatch(warning -> warning.contains("\"keyprefix\"")),
          loaded.warnings().toString());
    }

    @Test
    void aMisspeltSettingAfterAPasswordIsReadAsPartOfItWithAWarningThatDoesNotQuoteIt() {
      agentArgs = "redis.password=Xy9secret,failmode=closed";
      LoadedConfig loaded = load();
      assertEquals("Xy9secret,failmode=closed", loaded.config().redisPassword());
      assertTrue(loaded.warnings().stream().anyMatch(warning -> warning.contains("agent argument number 2 follows"
          + " redis.password")), loaded.warnings().toString());
      assertNoSecret(loaded, "Xy9secret");
      assertFalse(allMessages(loaded).contains("failmode"), allMessages(loaded));
    }

    @Test
    void agentArgumentUrlKeepsItsCommas() {
      agentArgs = "redis.url=redis://:a,b=Xy9secret@cache:6379,failMode=closed";
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertEquals("redis://:a,b=Xy9secret@cache:6379", loaded.config().redisUrl());
      assertEquals(FailMode.CLOSED, loaded.config().failMode());
      assertNoSecret(loaded, "Xy9secret");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"agent argument", "system property", "agent argument URL"})
    void passwordOnTheCommandLineIsAWarningWithoutTheValue(String source) {
      switch (source) {
        case "agent argument" -> agentArgs = "redis.password=Xy9secret";
        case "system property" -> properties.setProperty("distlock.redis.password", "Xy9secret");
        default -> agentArgs = "redis.url=redis://:Xy9secret@cache:6379";
      }
      LoadedConfig loaded = load();
      assertValid(loaded);
      assertContains(singleWarning(loaded), source.equals("system property") ? "system property" : "agent argument",
          "readable by anyone who can list processes", "java.lang:type=Runtime", "REDIS_PASSWORD", "config file");
      assertNoSecret(loaded, "Xy9secret");
    }

    @Test
    void passwordInTheEnvironmentOrFileGivesNoWarning() throws IOException {
      env.put("REDIS_PASSWORD", "Xy9secret");
      agentArgs = "config=" + yaml("redis.url: redis://:Other-secret@cache:6379");
      assertEquals(List.of(), load().warnings());
    }
  }

  // ---- helpers ----

  private LoadedConfig load() {
    return new ConfigLoader(agentArgs, properties, env).load();
  }

  /** The configuration, after checking that loading reported no error. */
  private AgentConfig valid() {
    LoadedConfig loaded = load();
    assertValid(loaded);
    return loaded.config();
  }

  private Path yaml(String... lines) throws IOException {
    return yamlNamed("distlock.yml", lines);
  }

  private Path yamlNamed(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private static void assertValid(LoadedConfig loaded) {
    assertEquals(List.of(), loaded.errors(), "errors");
    assertNull(loaded.connectionProblem(), "connection problem");
  }

  private static String singleError(LoadedConfig loaded) {
    assertEquals(1, loaded.errors().size(), "errors: " + loaded.errors());
    return loaded.errors().get(0);
  }

  /** Everything loading would have the agent print, start-up line included. */
  private static String allMessages(LoadedConfig loaded) {
    return String.join("\n", loaded.errors()) + "\n" + String.join("\n", loaded.warnings()) + "\n"
        + String.join("\n", loaded.notes()) + "\n" + loaded.connectionProblem() + "\n" + loaded.config().describe();
  }

  private static void assertNoSecret(LoadedConfig loaded, String secret) {
    String all = allMessages(loaded);
    assertFalse(all.contains(secret), "\"" + secret + "\" printed in:\n" + all);
  }

  private static String singleNote(LoadedConfig loaded) {
    assertEquals(1, loaded.notes().size(), "notes: " + loaded.notes());
    return loaded.notes().get(0);
  }

  private static String singleWarning(LoadedConfig loaded) {
    assertEquals(1, loaded.warnings().size(), "warnings: " + loaded.warnings());
    return loaded.warnings().get(0);
  }

  /** The one error, after checking that it keeps the agent off Redis with a reason naming {@code reasonParts}. */
  private static String errorThatStopsConnecting(LoadedConfig loaded, String... reasonParts) {
    assertNotNull(loaded.connectionProblem(), "a connection problem; errors: " + loaded.errors());
    assertContains(loaded.connectionProblem(), reasonParts);
    return singleError(loaded);
  }

  /** The one error, after checking that the agent still connects and locks (with the setting's default). */
  private static String errorThatKeepsLocking(LoadedConfig loaded) {
    assertNull(loaded.connectionProblem(), "connection problem");
    String error = singleError(loaded);
    assertContains(error, "using the default");
    return error;
  }

  private static void assertContains(String actual, String... parts) {
    for (String part : parts) {
      assertTrue(actual.contains(part), "expected \"" + part + "\" in: " + actual);
    }
  }
}
