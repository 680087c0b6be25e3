package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.function.Supplier;

/**
 * Annotated methods for which javac also generates a bridge method carrying a copy of the annotation: an
 * implementation of a generic interface, an abstract override and an interface override of one. Only the methods
 * the programmer wrote are lock sites (or reported as unusable); calls through the bridge still take the lock.
 */
public final class BridgeMethodsApp {

  /** javac adds {@code Object get()}, which calls this one. */
  public static final class SupplierJob implements Supplier<String> {
    @Override
    @DistributedLock(key = "bridge:supplier")
    public String get() {
      return String.valueOf(AppSupport.holdsLock());
    }
  }

  /** The abstract method is reported; javac's concrete bridge {@code Object get()} next to it must not be woven. */
  public abstract static class AbstractSupplier implements Supplier<String> {
    @Override
    @DistributedLock(key = "bridge:abstract")
    public abstract String get();
  }

  /** javac adds a default bridge method {@code Object get()} to the interface. */
  public interface InterfaceSupplier extends Supplier<String> {
    @Override
    @DistributedLock(key = "bridge:interface")
    String get();
  }

  /** An unusable annotation is reported once, for the method written, not again for its bridge. */
  public static final class EmptyKeySupplier implements Supplier<String> {
    @Override
    @DistributedLock(key = "")
    public String get() {
      return "ran";
    }
  }

  public static void main(String[] args) {
    Supplier<String> viaInterface = new SupplierJob();
    AppSupport.result("viaInterface", viaInterface.get());
    AppSupport.result("direct", new SupplierJob().get());
    Supplier<String> abstractImpl = new AbstractSupplier() {
      @Override
      public String get() {
        return "ran";
      }
    };
    AppSupport.result("abstractImpl", abstractImpl.get());
    Supplier<String> interfaceImpl = (InterfaceSupplier) () -> "ran";
    AppSupport.result("interfaceImpl", interfaceImpl.get());
    Supplier<String> emptyKey = new EmptyKeySupplier();
    AppSupport.result("emptyKey", emptyKey.get());
  }
}
