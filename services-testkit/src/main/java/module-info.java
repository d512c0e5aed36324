/**
 * JUnit 5 support of ci-services: {@code dev.ciservices.junit} is its public API. JUnit creates the
 * annotations' extension reflectively, hence the open package.
 */
module dev.ciservices.junit {
  requires transitive dev.ciservices.api;
  requires transitive org.junit.jupiter.api;
  requires static org.jspecify;
  requires dev.ciservices.gitlab;
  requires org.junit.platform.commons;
  requires org.slf4j;

  exports dev.ciservices.junit;
  exports dev.ciservices.junit.internal to dev.ciservices.spring;

  opens dev.ciservices.junit to org.junit.platform.commons;
}
