package dev.ciservices.docker.internal;

import dev.ciservices.JobEvent;
import dev.ciservices.ServiceListener;
import dev.ciservices.internal.Masker;

/** Writes trace lines as GitLab Runner does, masked, to a listener. */
public final class Trace {
  static final String YELLOW = "\u001b[0;33m";
  static final String RESET = "\u001b[0;m";
  static final String RED = "\u001b[31;1m";
  static final String GREEN = "\u001b[32;1m";

  private final ServiceListener listener;
  private volatile Masker masker;

  /** A trace to this listener, masking these values. */
  public Trace(ServiceListener listener, Masker masker) {
    this.listener = listener;
    this.masker = masker;
  }

  /** A plain line. */
  public void line(String text) {
    listener.onTrace(masker.mask(text));
  }

  /** A {@code WARNING: } line, the prefix in yellow as GitLab prints it. */
  public void warning(String text) {
    listener.onTrace(YELLOW + "WARNING: " + RESET + masker.mask(text));
  }

  /** A red {@code ERROR: } line. */
  public void error(String text) {
    listener.onTrace(RED + "ERROR: " + masker.mask(text) + RESET);
  }

  /** A green line, as GitLab prints {@code Job succeeded} and script commands. */
  public void success(String text) {
    listener.onTrace(GREEN + masker.mask(text) + RESET);
  }

  /** A typed event for programs. */
  public void event(JobEvent event) {
    listener.onEvent(event);
  }

  /** Masks these values too from now on: secrets found while running (credential helpers, config files). */
  public synchronized void addSecrets(java.util.Collection<String> secrets) {
    if (!secrets.stream().allMatch(s -> s.isEmpty() || masker.masks(s))) {
      masker = masker.with(secrets);
    }
  }

  /** The masker in use: the plan's, with the secrets added since. */
  public synchronized Masker masker() {
    return masker;
  }

  /** Masks a text without writing it. */
  public String mask(String text) {
    return masker.mask(text);
  }
}
