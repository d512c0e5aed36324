/** Implementation details; not API, may change in any release. */
@NullMarked
package dev.ciservices.registry.internal;

import org.jspecify.annotations.NullMarked;
