/**
 * JUnit 5 support: {@link dev.ciservices.junit.CiServices} and {@link dev.ciservices.junit.Service}
 * declare a test class's services, {@link dev.ciservices.junit.CiServicesExtension#forJob} registers
 * them from a {@link dev.ciservices.JobSpec}, and {@link dev.ciservices.junit.ServiceAlias} injects a
 * {@link dev.ciservices.junit.ServiceHandle} by hostname. The extension itself is internal.
 */
@NullMarked
package dev.ciservices.junit;

import org.jspecify.annotations.NullMarked;
