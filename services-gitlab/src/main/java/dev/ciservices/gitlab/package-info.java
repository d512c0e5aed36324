/**
 * Reads a {@code .gitlab-ci.yml} into {@link dev.ciservices.JobSpec}s with GitLab's own rules for
 * {@code include: local}, {@code extends}, {@code default}, anchors, merge keys and {@code !reference}:
 * {@link dev.ciservices.gitlab.GitLabCiFile} is the entry point, {@link
 * dev.ciservices.gitlab.GitLabCiException} its one failure.
 */
@NullMarked
package dev.ciservices.gitlab;

import org.jspecify.annotations.NullMarked;
