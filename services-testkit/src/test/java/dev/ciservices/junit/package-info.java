/** Tests of the JUnit extension, most of them through the JUnit Platform's EngineTestKit. */
@NullMarked
package dev.ciservices.junit;

import org.jspecify.annotations.NullMarked;
