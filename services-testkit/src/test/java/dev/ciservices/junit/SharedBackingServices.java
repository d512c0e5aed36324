package dev.ciservices.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A composed annotation: the options and both services, shared by every class that carries it. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CiServices(lifecycle = CiServices.Lifecycle.SHARED)
@WithPostgres
@WithRedis
@interface SharedBackingServices {}
