/**
 * The {@code .gitlab-ci.yml} and runner {@code config.toml} readers of ci-services: {@code
 * dev.ciservices.gitlab} is their public API.
 */
module dev.ciservices.gitlab {
  requires transitive dev.ciservices.api;
  requires static org.jspecify;
  requires java.net.http;
  requires org.snakeyaml.engine;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.toml;

  exports dev.ciservices.gitlab;
}
