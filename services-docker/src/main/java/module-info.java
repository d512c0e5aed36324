/** The Docker backend of ci-services (docker-java): {@code dev.ciservices.docker} is its public API. */
module dev.ciservices.docker {
  requires transitive dev.ciservices.api;
  requires dev.ciservices.registry;
  requires static org.jspecify;
  requires com.github.dockerjava.api;
  requires com.github.dockerjava.core;
  requires com.github.dockerjava.transport;
  requires com.github.dockerjava.transport.zerodep;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires org.apache.commons.compress;
  requires org.slf4j;

  exports dev.ciservices.docker;

  provides dev.ciservices.spi.ServiceBackendProvider with dev.ciservices.docker.DockerBackendProvider;
}
