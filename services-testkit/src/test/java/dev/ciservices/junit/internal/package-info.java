/** Unit tests of the extension's internals. */
@NullMarked
package dev.ciservices.junit.internal;

import org.jspecify.annotations.NullMarked;
