package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.lock.LockSites;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Binds {@link LockSiteId}: at transform time it reads the method's annotation values, registers the lock site
 * and inlines the site's id, so that a call neither reflects nor parses.
 */
final class LockSiteIdMapping implements Advice.OffsetMapping.Factory<LockSiteId> {

  private final LockSites sites;

  LockSiteIdMapping(LockSites sites) {
    this.sites = sites;
  }

  @Override
  public Class<LockSiteId> getAnnotationType() {
    return LockSiteId.class;
  }

  @Override
  public Advice.OffsetMapping make(
      ParameterDescription.InDefinedShape target,
      AnnotationDescription.Loadable<LockSiteId> annotation,
      AdviceType adviceType) {
    return new Advice.OffsetMapping() {
      @Override
      public Target resolve(
          TypeDescription instrumentedType,
          MethodDescription instrumentedMethod,
          Assigner assigner,
          Advice.ArgumentHandler argumentHandler,
          Sort sort) {
        return new Target.ForStackManipulation(IntegerConstant.forValue(register(instrumentedMethod)));
      }
    };
  }

  private int register(MethodDescription method) {
    AnnotationDescription annotation = LockAnnotation.of(method);
    return sites.register(
        LockAnnotation.name(method),
        method.getDeclaringType().asErasure().getName() + "#" + method.getName() + method.getDescriptor(),
        annotation.getValue("key").resolve(String.class),
        annotation.getValue("ttl").resolve(String.class),
        annotation.getValue("lockAtLeastFor").resolve(String.class),
        annotation.getValue("keepAlive").resolve(Boolean.class));
  }
}
