package dev.ciservices.junit.internal;

/** The extension that {@link dev.ciservices.junit.CiServices} and {@link dev.ciservices.junit.Service} register. */
public final class DeclaredServicesExtension extends ServicesExtension {
  /** Called by JUnit. */
  public DeclaredServicesExtension() {
    super(new DeclaredSource());
  }
}
