package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import java.util.HashMap;
import java.util.Map;

/**
 * Locked methods returning RxJava 3 types, driven by commands from standard input: {@code flowable},
 * {@code observable}, {@code maybe} and {@code completable} call the method of that type and subscribe to the
 * result; subscription N's work stays pending until {@code complete N} or {@code dispose N}; {@code exit} ends the
 * JVM. Reports {@code RESULT sub.N=started} when subscription N's work starts and {@code sub.N.end=complete|error}
 * when it terminates.
 */
public final class RxJavaJobApp {

  public static final String KEY_PREFIX = "rx:";

  private static final Map<Integer, CompletableSubject> work = new HashMap<>();
  private static final Map<Integer, Disposable> subscriptions = new HashMap<>();
  private static int subscribing;

  private RxJavaJobApp() {}

  public static void main(String[] args) {
    int subs = 0;
    for (String line = AppSupport.readCommand(); line != null; line = AppSupport.readCommand()) {
      String[] command = line.split(" ");
      switch (command[0]) {
        case "flowable" -> subscribe(++subs, flowableJob().ignoreElements());
        case "observable" -> subscribe(++subs, observableJob().ignoreElements());
        case "maybe" -> subscribe(++subs, maybeJob().ignoreElement());
        case "completable" -> subscribe(++subs, completableJob());
        case "single" -> subscribe(++subs, singleJob().ignoreElement());
        case "complete" -> work.get(Integer.parseInt(command[1])).onComplete();
        case "dispose" -> subscriptions.get(Integer.parseInt(command[1])).dispose();
        case "exit" -> {
          return;
        }
        default -> throw new IllegalArgumentException("unknown command: " + line);
      }
    }
  }

  private static void subscribe(int n, Completable completable) {
    subscribing = n;
    subscriptions.put(n, completable.subscribe(() -> AppSupport.result("sub." + n + ".end", "complete"),
        failure -> AppSupport.result("sub." + n + ".end", "error")));
  }

  @DistributedLock(key = KEY_PREFIX + "flowable", ttl = "60s")
  static Flowable<String> flowableJob() {
    return Flowable.defer(() -> startWork().toFlowable());
  }

  @DistributedLock(key = KEY_PREFIX + "observable", ttl = "60s")
  static Observable<String> observableJob() {
    return Observable.defer(() -> startWork().toObservable());
  }

  @DistributedLock(key = KEY_PREFIX + "maybe", ttl = "60s")
  static Maybe<String> maybeJob() {
    return Maybe.defer(() -> startWork().toMaybe());
  }

  @DistributedLock(key = KEY_PREFIX + "completable", ttl = "60s")
  static Completable completableJob() {
    return Completable.defer(RxJavaJobApp::startWork);
  }

  /** Not followed: a Single cannot complete empty when its subscription is skipped. */
  @DistributedLock(key = KEY_PREFIX + "single", ttl = "60s")
  static Single<String> singleJob() {
    return Single.defer(() -> startWork().toSingleDefault("done"));
  }

  // Subscriptions start on the main thread, inside subscribe(): the number is the one being subscribed.
  private static Completable startWork() {
    AppSupport.result("sub." + subscribing, "started");
    CompletableSubject pending = CompletableSubject.create();
    work.put(subscribing, pending);
    return pending;
  }
}
