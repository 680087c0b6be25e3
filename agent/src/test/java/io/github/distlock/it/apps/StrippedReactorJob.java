package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import reactor.core.publisher.Mono;

/**
 * A locked job returning a Reactor {@code Mono}, which {@link AdviceErrorApp} runs against a Reactor that lacks the
 * {@code using} operator the agent's advice calls.
 */
public class StrippedReactorJob {

  @DistributedLock(key = "advice-error:report", ttl = "30s")
  public Mono<String> report() {
    return Mono.empty();
  }
}
