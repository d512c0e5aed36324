/**
 * The model, the planning and the SPI of ci-services. Exports the public API ({@code dev.ciservices},
 * {@code dev.ciservices.details}) and the SPI; {@code dev.ciservices.internal} only to the project's
 * own backends, readers and test integrations (services-spring is the automatic module
 * {@code dev.ciservices.spring}).
 */
module dev.ciservices.api {
  requires static org.jspecify;

  exports dev.ciservices;
  exports dev.ciservices.details;
  exports dev.ciservices.spi;
  exports dev.ciservices.internal to
      dev.ciservices.docker, dev.ciservices.kubernetes, dev.ciservices.gitlab, dev.ciservices.junit,
      dev.ciservices.spring;

  uses dev.ciservices.spi.ServiceBackendProvider;
  uses dev.ciservices.spi.ConnectionDetailsFactory;

  provides dev.ciservices.spi.ConnectionDetailsFactory with
      dev.ciservices.internal.details.PostgresDetailsFactory,
      dev.ciservices.internal.details.MySqlDetailsFactory,
      dev.ciservices.internal.details.MySqlDetailsFactory.MariaDb,
      dev.ciservices.internal.details.RedisDetailsFactory,
      dev.ciservices.internal.details.MongoDetailsFactory,
      dev.ciservices.internal.details.RabbitDetailsFactory,
      dev.ciservices.internal.details.ElasticsearchDetailsFactory,
      dev.ciservices.internal.details.OpenSearchDetailsFactory;
}
