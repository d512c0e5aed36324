/** The Kubernetes backend's implementation; not a stable API. */
@NullMarked
package dev.ciservices.kubernetes.internal;

import org.jspecify.annotations.NullMarked;
