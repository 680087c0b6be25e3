package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.JobsFleetApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.Browser;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.OwnerHost;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The dashboard as a person sees it, in a real browser, beside a live fleet; and who may see it: loopback by
 * default, a token anywhere else, no secret on any page.
 */
class DashboardIT {

  private static final String PASSWORD = "dash-Secret-7";

  @RegisterExtension static final RedisServer redis = RedisServer.withPassword(PASSWORD);

  private static final String PREFIX = "dash-it:";
  private static final int REPLICAS = 3;
  private static final Duration RUN = Duration.ofSeconds(60);
  private static final String REPORT = "svg[data-key='" + PREFIX + "jobs:report']";
  private static final String FLAKY = "svg[data-key='" + PREFIX + "jobs:flaky']";

  @Test
  void aLiveFleetsDashboardShowsItsJobsEachReplicasLaneAndTheFailedRunsMarked() throws IOException {
    try (RespClient client = redis.client()) {
      // A lock of the NestJS seed's, shown among the holders with nobody known.
      client.setNxPx(PREFIX + "seed:sync", "0b7c5a3e-1f2d-4c8e-9a6b-3d5e7f901234", 120_000);
    }
    List<RunningJvm> fleet = new ArrayList<>();
    try (RunningJvm dashboard = dashboard("--port", "0").start(); Browser browser = Browser.open()) {
      String url = served(dashboard);
      for (int i = 0; i < REPLICAS; i++) {
        fleet.add(ForkedJvm.main(JobsFleetApp.class).name("replica-" + i)
            .args("fleet", redis.host(), Integer.toString(redis.port()), "500", "16")
            .withAgent("redis.url=" + redis.url() + ",keyPrefix=" + PREFIX).env("REDIS_PASSWORD", PASSWORD)
            .start());
      }
      fleet.forEach(replica -> replica.awaitLine("^READY$", RUN));
      fleet.forEach(replica -> replica.writeLine("go"));
      browser.open(url);

      // Live: the page refreshes by itself and the timeline grows as the fleet runs.
      int firstRuns = Await.value("the report job's runs on the page", RUN, () -> {
        int runs = browser.all(REPORT + " rect.run").size();
        return runs > 0 ? runs : null;
      });
      Await.until("more runs on the page without reloading it", RUN,
          () -> browser.all(REPORT + " rect.run").size() > firstRuns);
      WebElement seedRow = Await.value("the seed's lock among the holders", RUN, () -> browser.all("tr.holder")
          .stream().filter(row -> row.getText().startsWith(PREFIX + "seed:sync")).findFirst().orElse(null));
      assertTrue(seedRow.getText().contains("unknown"), seedRow.getText());

      List<String> expectedLanes = new ArrayList<>();
      int reportRuns = 0;
      int flakyFailures = 0;
      for (RunningJvm replica : fleet) {
        assertEquals(0, replica.awaitExit(RUN), replica.output());
        int runs = Integer.parseInt(replica.results().get("reportRuns"));
        reportRuns += runs;
        if (runs > 0) {
          expectedLanes.add(OwnerHost.name() + ":" + replica.pid());
        }
        flakyFailures += Integer.parseInt(replica.results().get("flakyFailures"));
      }
      int totalRuns = reportRuns;
      Await.until("every run of the report job drawn in its replica's lane", RUN,
          () -> browser.all(REPORT + " rect.run").size() == totalRuns);
      assertEquals(new TreeSet<>(expectedLanes), attributes(browser.all(REPORT + " g.lane"), "data-lane"),
          "one lane per replica that ran the job");
      assertTrue(expectedLanes.size() >= 2, "runs spread over replicas: " + expectedLanes);
      for (String lane : expectedLanes) {
        assertTrue(browser.text().contains(lane), "the lane's label is shown: " + lane);
      }

      List<WebElement> failed = browser.all(FLAKY + " rect.run.failed");
      assertTrue(flakyFailures > 0, "the flaky job threw");
      assertEquals(flakyFailures, failed.size(), "each failed run marked");
      for (WebElement run : failed) {
        assertEquals("java.lang.IllegalStateException", run.getDomAttribute("data-error"));
      }
      assertEquals(flakyFailures, browser.all(FLAKY + " .failed-mark").size(), "a cross over each failed run");

      Await.until("the stopped report job's badge turns overdue, its gap drawn", RUN,
          () -> browser.all("div.job[data-key='" + PREFIX + "jobs:report'] .badge.state-overdue").size() == 1
              && browser.all(REPORT + " rect.overdue-gap").size() == 1);
      Path shot = Paths.get("target", "dashboard.png");
      browser.screenshot(shot);
      System.out.println("dashboard screenshot: " + shot.toAbsolutePath());
      assertFalse(browser.pageSource().contains(PASSWORD), "no secret on the page");
    } finally {
      fleet.forEach(RunningJvm::close);
    }
  }

  @Test
  void beyondLoopbackTheDashboardNeedsItsTokenAndNoPageShowsItOrThePassword() throws Exception {
    try (RunningJvm refused = dashboard("--bind", "0.0.0.0", "--port", "0").start()) {
      assertEquals(2, refused.awaitExit(RUN), refused.output());
      assertTrue(refused.output().contains("give it a token with --token or DISTLOCK_DASHBOARD_TOKEN"),
          refused.output());
    }
    String token = "dash-Token-" + System.nanoTime();
    try (RunningJvm dashboard = dashboard("--bind", "0.0.0.0", "--port", "0")
        .env("DISTLOCK_DASHBOARD_TOKEN", token).start()) {
      String served = served(dashboard);
      String base = "http://127.0.0.1:" + URI.create(served).getPort();
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      for (String path : List.of("/", "/api/jobs", "/dashboard.js")) {
        assertEquals(401, get(http, base + path, null).statusCode(), path + " without the token");
      }
      assertEquals(401, get(http, base + "/api/jobs", "Bearer wrong-" + token).statusCode(), "a wrong token");
      HttpResponse<String> api = get(http, base + "/api/jobs", "Bearer " + token);
      assertEquals(200, api.statusCode());
      assertTrue(api.body().startsWith("{\"now\":"), api.body());

      HttpResponse<String> exchange = get(http, base + "/?token=" + token, null);
      assertEquals(303, exchange.statusCode(), "the token in the address is swapped for a cookie");
      String cookie = exchange.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      HttpRequest page = HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie).build();
      HttpResponse<String> shown = http.send(page, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, shown.statusCode());
      for (HttpResponse<String> response : List.of(api, shown)) {
        assertFalse(response.body().contains(token), "the token is never in a page");
        assertFalse(response.body().contains(PASSWORD), "nor the Redis password");
      }
      assertFalse(dashboard.output().contains(PASSWORD), dashboard.output());
      assertFalse(dashboard.output().contains(token), dashboard.output());
    }
  }

  private static ForkedJvm dashboard(String... options) {
    List<String> args = new ArrayList<>(List.of("dashboard"));
    args.addAll(List.of(options));
    args.add("redis.url=" + redis.url());
    args.add("keyPrefix=" + PREFIX);
    return ForkedJvm.agentCommand(args.toArray(new String[0])).env("REDIS_PASSWORD", PASSWORD);
  }

  private static String served(RunningJvm dashboard) {
    Matcher url = Pattern.compile("serving (http://\\S+/) ").matcher(dashboard.awaitLine("serving http://", RUN));
    assertTrue(url.find());
    return url.group(1).replace("0.0.0.0", "127.0.0.1");
  }

  private static HttpResponse<String> get(HttpClient http, String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Set<String> attributes(List<WebElement> elements, String name) {
    return elements.stream().map(element -> element.getDomAttribute(name))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
