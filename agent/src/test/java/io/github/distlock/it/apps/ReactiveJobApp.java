package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.HashMap;
import java.util.Map;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Locked methods returning Reactor's {@code Mono} and {@code Flux}, driven by commands from standard input.
 * {@code mono}, {@code flux}, {@code keep} (a Mono with a 1 s ttl under keepAlive) and {@code tenant <t>} (a Mono
 * whose key is built from its argument) call the method and subscribe to the result; {@code assemble} calls the
 * Mono method without subscribing and {@code subscribe} subscribes to what it returned, once per command. The work
 * of subscription N stays pending until {@code complete N}, {@code fail N} or {@code cancel N}; {@code exit} ends
 * the JVM.
 *
 * <p>Reports: {@code RESULT assembled=N} when a method body runs, {@code sub.N=started} when subscription N's work
 * starts (a subscription that did not get the lock never starts it), {@code sub.N.value=…} for each value and
 * {@code sub.N.end=complete|error} when it terminates.
 */
public final class ReactiveJobApp {

  public static final String MONO_KEY = "reactive:mono";
  public static final String FLUX_KEY = "reactive:flux";
  public static final String KEEP_KEY = "reactive:keep";
  public static final String TENANT_KEY_PREFIX = "reactive:tenant:";

  private static final Map<Integer, Sinks.One<String>> monoWork = new HashMap<>();
  private static final Map<Integer, Sinks.Many<String>> fluxWork = new HashMap<>();
  private static final Map<Integer, Disposable> subscriptions = new HashMap<>();
  private static int subscribing;
  private static int assembled;

  private ReactiveJobApp() {}

  public static void main(String[] args) {
    int subs = 0;
    Mono<String> kept = null;
    for (String line = AppSupport.readCommand(); line != null; line = AppSupport.readCommand()) {
      String[] command = line.split(" ");
      switch (command[0]) {
        case "mono" -> subscribe(++subs, monoJob());
        case "flux" -> subscribe(++subs, fluxJob());
        case "keep" -> subscribe(++subs, keepJob());
        case "tenant" -> subscribe(++subs, tenantJob(command[1]));
        case "assemble" -> kept = monoJob();
        case "subscribe" -> subscribe(++subs, kept);
        case "complete" -> {
          int n = Integer.parseInt(command[1]);
          if (monoWork.containsKey(n)) {
            monoWork.get(n).tryEmitValue("done");
          } else {
            fluxWork.get(n).tryEmitNext("done");
            fluxWork.get(n).tryEmitComplete();
          }
        }
        case "fail" -> monoWork.get(Integer.parseInt(command[1]))
            .tryEmitError(new IllegalStateException("the job failed"));
        case "cancel" -> subscriptions.get(Integer.parseInt(command[1])).dispose();
        case "exit" -> {
          return;
        }
        default -> throw new IllegalArgumentException("unknown command: " + line);
      }
    }
  }

  private static void subscribe(int n, Flux<String> flux) {
    subscribing = n;
    subscriptions.put(n, flux.subscribe(value -> AppSupport.result("sub." + n + ".value", value),
        failure -> AppSupport.result("sub." + n + ".end", "error"),
        () -> AppSupport.result("sub." + n + ".end", "complete")));
  }

  private static void subscribe(int n, Mono<String> mono) {
    subscribe(n, mono.flux());
  }

  @DistributedLock(key = MONO_KEY, ttl = "60s")
  static Mono<String> monoJob() {
    AppSupport.result("assembled", ++assembled);
    return Mono.defer(ReactiveJobApp::startMonoWork);
  }

  @DistributedLock(key = KEEP_KEY, ttl = "1s", keepAlive = true)
  static Mono<String> keepJob() {
    return Mono.defer(ReactiveJobApp::startMonoWork);
  }

  @DistributedLock(key = TENANT_KEY_PREFIX + "{tenant}", ttl = "60s")
  static Mono<String> tenantJob(String tenant) {
    return Mono.defer(ReactiveJobApp::startMonoWork);
  }

  @DistributedLock(key = FLUX_KEY, ttl = "60s")
  static Flux<String> fluxJob() {
    return Flux.defer(() -> {
      int n = started();
      Sinks.Many<String> work = Sinks.many().unicast().onBackpressureBuffer();
      fluxWork.put(n, work);
      work.tryEmitNext("first");
      return work.asFlux();
    });
  }

  private static Mono<String> startMonoWork() {
    Sinks.One<String> work = Sinks.one();
    monoWork.put(started(), work);
    return work.asMono();
  }

  // Subscriptions start on the main thread, inside subscribe(): the number is the one being subscribed.
  private static int started() {
    AppSupport.result("sub." + subscribing, "started");
    return subscribing;
  }
}
