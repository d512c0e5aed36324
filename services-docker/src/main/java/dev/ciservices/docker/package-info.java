/**
 * The Docker backend: {@link dev.ciservices.docker.DockerBackend} carries out a {@link
 * dev.ciservices.JobPlan}'s services on a Docker engine found as the docker CLI finds it.
 */
@NullMarked
package dev.ciservices.docker;

import org.jspecify.annotations.NullMarked;
