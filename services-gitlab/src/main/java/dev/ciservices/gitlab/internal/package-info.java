/** Implementation details of the {@code .gitlab-ci.yml} reader; not API, may change in any release. */
@NullMarked
package dev.ciservices.gitlab.internal;

import org.jspecify.annotations.NullMarked;
