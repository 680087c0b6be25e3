package kotlin.coroutines;

/**
 * Stands in for Kotlin's interface of the same name, so that a Java test app can declare a method shaped as the
 * Kotlin compiler shapes a {@code suspend} function: its last parameter a {@code Continuation}.
 */
public interface Continuation<T> {}
