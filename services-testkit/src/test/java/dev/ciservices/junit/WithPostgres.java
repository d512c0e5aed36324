package dev.ciservices.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A team's PostgreSQL, declared once: database {@code postgres}, user {@code postgres}, password {@code
 * pw}; ready once the server after the initialisation one accepts logins.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Service(name = "postgres:15", alias = "db", ports = 5432, variables = "POSTGRES_PASSWORD=pw",
    waitForLog = ".*database system is ready to accept connections.*", waitForLogTimes = 2)
@interface WithPostgres {}
