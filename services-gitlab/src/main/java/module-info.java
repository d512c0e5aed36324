/** The {@code .gitlab-ci.yml} reader of ci-services: {@code dev.ciservices.gitlab} is its public API. */
module dev.ciservices.gitlab {
  requires transitive dev.ciservices.api;
  requires static org.jspecify;
  requires java.net.http;
  requires org.snakeyaml.engine;

  exports dev.ciservices.gitlab;
}
