package dev.ciservices.spring;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** An application with nothing of its own: Spring Boot's auto-configuration makes the DataSource and Redis beans. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class TestApp {}
