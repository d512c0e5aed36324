/**
 * Connection details of running services: what a client needs (JDBC URL, user, password, database,
 * a URI, host and port) derived from a service's image and environment the way each official image
 * defines them. {@link dev.ciservices.details.ServiceDetails} finds them; images are matched by name
 * through {@link dev.ciservices.spi.ConnectionDetailsFactory}.
 */
@NullMarked
package dev.ciservices.details;

import org.jspecify.annotations.NullMarked;
