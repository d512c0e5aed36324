package dev.ciservices.spring;

import dev.ciservices.junit.Service;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A team's services, declared once: PostgreSQL (user and database postgres) and Redis, no ports. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Service(name = "postgres:15", alias = "db", variables = "POSTGRES_PASSWORD=pw",
    waitForLog = ".*database system is ready to accept connections.*", waitForLogTimes = 2)
@Service(name = "redis:7", alias = "cache")
@interface WithPostgresAndRedis {}
