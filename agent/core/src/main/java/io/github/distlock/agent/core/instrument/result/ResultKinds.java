package io.github.distlock.agent.core.instrument.result;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every {@link ResultKind}, most specific first: a method's kind is the first that supports what it returns, else
 * the plain kind. A new kind is one file and one line here.
 */
public final class ResultKinds {

  private static final List<ResultKind> KINDS = Collections.unmodifiableList(Arrays.<ResultKind>asList(
      new OptionalResult(),
      new StageResult(),
      ReactorResult.MONO,
      ReactorResult.FLUX,
      RxJavaResult.FLOWABLE,
      RxJavaResult.OBSERVABLE,
      RxJavaResult.MAYBE,
      RxJavaResult.COMPLETABLE,
      new SuspendResult(),
      new UnfollowedResult(),
      new OwnStageResult()));
  private static final ResultKind PLAIN = new PlainResult();

  private ResultKinds() {}

  /** The kind of a method that returns {@code type}; the plain kind when no other applies. */
  public static ResultKind of(ReturnType type) {
    for (ResultKind kind : KINDS) {
      if (kind.supports(type)) {
        return kind;
      }
    }
    return PLAIN;
  }
}
