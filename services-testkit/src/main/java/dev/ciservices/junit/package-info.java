/** Placeholder until the module is built out. */
@NullMarked
package dev.ciservices.junit;

import org.jspecify.annotations.NullMarked;
