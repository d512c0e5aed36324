/** The built-in connection details factories, one per image family; not API. */
@NullMarked
package dev.ciservices.internal.details;

import org.jspecify.annotations.NullMarked;
