/** The {@code ci-services} command line: {@code run} and {@code plan} a {@code .gitlab-ci.yml} job. */
@NullMarked
package dev.ciservices.cli;

import org.jspecify.annotations.NullMarked;
