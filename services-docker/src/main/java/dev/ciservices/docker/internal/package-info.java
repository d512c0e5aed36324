/** docker-java code; not API. */
@NullMarked
package dev.ciservices.docker.internal;

import org.jspecify.annotations.NullMarked;
