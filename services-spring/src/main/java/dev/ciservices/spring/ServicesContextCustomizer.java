package dev.ciservices.spring;

import dev.ciservices.RunnerConfig;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Variable;
import dev.ciservices.junit.internal.Definition;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a class's services when Spring creates its application context, registers the beans that
 * point at them, and removes them when the context closes (Spring's context cache decides when: at
 * the end of the run, or when it evicts the context).
 *
 * <p>Equal for equal services, variables and options whichever class declares them, so that Spring's
 * context cache gives such classes one context, and one start of their services.
 */
final class ServicesContextCustomizer implements ContextCustomizer {
  /** The bean that holds the running services (a {@link dev.ciservices.RunningServices}). */
  static final String RUNNING_SERVICES_BEAN = "ciServices.runningServices";

  private final Definition definition;
  private final Key key;

  /** What makes two customizers start the same services. */
  private record Key(List<ServiceSpec> services, List<Variable> variables, RunnerConfig config, boolean keepOnFailure,
      boolean logs) {}

  ServicesContextCustomizer(Definition definition) {
    this.definition = definition;
    this.key = new Key(definition.job().services(), definition.job().variables(), definition.config(),
        definition.keepOnFailure(), definition.logs());
  }

  @Override
  public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
    SpringServices services = SpringServices.start(definition);
    ConfigurableListableBeanFactory beans = context.getBeanFactory();
    try {
      beans.registerSingleton(RUNNING_SERVICES_BEAN, services.running());
      ConnectionDetailsBeans.register(beans, services.running(), definition.where());
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
    if (beans instanceof DefaultSingletonBeanRegistry registry) {
      // registered before every other bean, so destroyed after them: the DataSource closes first
      registry.registerDisposableBean("ciServices.stop", services::close);
    } else {
      context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
        if (event.getApplicationContext() == context) {
          services.close();
        }
      });
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServicesContextCustomizer that && key.equals(that.key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return "ServicesContextCustomizer{" + definition.where() + ": "
        + key.services().stream().map(ServiceSpec::name).toList() + "}";
  }
}
