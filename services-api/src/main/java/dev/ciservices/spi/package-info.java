/** The backend SPI: how a container engine executes a {@link dev.ciservices.JobPlan}. */
@NullMarked
package dev.ciservices.spi;

import org.jspecify.annotations.NullMarked;
