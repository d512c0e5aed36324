/**
 * Spring Boot test support: the services a test class declares ({@code @Service}, {@code
 * @GitLabCiServices}) start with its application context, and Spring Boot's own {@code
 * ConnectionDetails} beans point at them, so {@code @SpringBootTest} needs no {@code
 * spring.datasource.*} or {@code spring.data.redis.*} properties. Nothing to register: Spring finds
 * {@link dev.ciservices.spring.CiServicesContextCustomizerFactory} through {@code spring.factories}.
 */
@NullMarked
package dev.ciservices.spring;

import org.jspecify.annotations.NullMarked;
