package dev.ciservices.junit;

import dev.ciservices.junit.internal.ServicesExtension;

/**
 * The extension {@link CiServices}, {@link Service}, {@link Services} and {@link GitLabCiServices}
 * register: the services the annotations declare. All its state is in JUnit's store.
 */
final class AnnotatedServicesExtension extends ForwardingExtension {
  /** Called by JUnit. */
  AnnotatedServicesExtension() {
    super(ServicesExtension.declared());
  }
}
