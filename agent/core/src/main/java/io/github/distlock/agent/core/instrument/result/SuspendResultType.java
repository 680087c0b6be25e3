package io.github.distlock.agent.core.instrument.result;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives, as an inlined constant, the result type a Kotlin {@code suspend}
 * function declares ({@code kotlin.Unit}, {@code java.lang.Integer}, ...; empty when unknown).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface SuspendResultType {}
