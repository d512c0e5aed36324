/**
 * The services model and its pure planning: {@link dev.ciservices.ServiceSpec} and
 * {@link dev.ciservices.JobSpec} say what to run, {@link dev.ciservices.RunnerConfig} says what the
 * runner's {@code config.toml} would hold, and {@link dev.ciservices.JobPlanner} resolves both into a
 * {@link dev.ciservices.JobPlan} with GitLab Runner's exact rules. Nothing here talks to Docker.
 */
@NullMarked
package dev.ciservices;

import org.jspecify.annotations.NullMarked;
