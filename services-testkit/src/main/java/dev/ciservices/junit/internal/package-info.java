/**
 * The JUnit 5 extension behind {@link dev.ciservices.junit.CiServices} and {@link
 * dev.ciservices.junit.CiServicesExtension}: not an API, may change in any release.
 *
 * <p>All state lives in {@link org.junit.jupiter.api.extension.ExtensionContext.Store}s under one
 * namespace: the backend and shared services in the root store, a scope's running services in the
 * store of the class or method they serve. Every value that owns containers is {@link
 * java.lang.AutoCloseable}, so JUnit removes them when that context ends.
 */
@NullMarked
package dev.ciservices.junit.internal;

import org.jspecify.annotations.NullMarked;
