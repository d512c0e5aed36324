/**
 * Registry credentials as GitLab Runner finds them (docker config, credential helpers, the job's
 * payload): {@code dev.ciservices.registry} is its public API.
 */
module dev.ciservices.registry {
  requires transitive dev.ciservices.api;
  requires static org.jspecify;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;

  exports dev.ciservices.registry;
}
