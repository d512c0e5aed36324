/** The ready-time benchmark: the Docker backend against the docker CLI floor and Testcontainers. Not published. */
@NullMarked
package dev.ciservices.benchmarks;

import org.jspecify.annotations.NullMarked;
