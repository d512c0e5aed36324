/** Runnable examples; not published. */
@NullMarked
package dev.ciservices.examples;

import org.jspecify.annotations.NullMarked;
