package dev.ciservices.kubernetes.internal;

import dev.ciservices.JobEvent;
import dev.ciservices.ServiceListener;
import dev.ciservices.internal.Masker;

/** Writes trace lines as GitLab Runner does, masked, to a listener. */
final class Trace {
  static final String YELLOW = "\u001b[0;33m";
  static final String RESET = "\u001b[0;m";
  static final String RED = "\u001b[31;1m";
  static final String GREEN = "\u001b[32;1m";

  private final ServiceListener listener;
  private volatile Masker masker;

  Trace(ServiceListener listener, Masker masker) {
    this.listener = listener;
    this.masker = masker;
  }

  void line(String text) {
    listener.onTrace(masker.mask(text));
  }

  /** A {@code WARNING: } line, the prefix in yellow as GitLab prints it. */
  void warning(String text) {
    listener.onTrace(YELLOW + "WARNING: " + RESET + masker.mask(text));
  }

  /** A red {@code ERROR: } line. */
  void error(String text) {
    listener.onTrace(RED + "ERROR: " + masker.mask(text) + RESET);
  }

  void success(String text) {
    listener.onTrace(GREEN + masker.mask(text) + RESET);
  }

  void event(JobEvent event) {
    listener.onEvent(event);
  }

  /** Masks these values too from now on: registry secrets a config file or a credential helper gave. */
  synchronized void addSecrets(java.util.Collection<String> secrets) {
    if (!secrets.stream().allMatch(s -> s.isEmpty() || masker.masks(s))) {
      masker = masker.with(secrets);
    }
  }

  String mask(String text) {
    return masker.mask(text);
  }

  /** A Kubernetes name or label value with every masked value replaced by {@code masked}. */
  String maskInName(String name) {
    return masker.maskInName(name);
  }

  /** The masker as it is now: the plan's values and the registry secrets found so far. */
  Masker masker() {
    return masker;
  }
}
