package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.spi.ServiceBackend;
import dev.ciservices.spi.ServiceBackendProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceBackendsTest {
  private static ServiceBackendProvider provider(String name, int priority, RuntimeException failure) {
    return new ServiceBackendProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public ServiceBackend create() {
        if (failure != null) {
          throw failure;
        }
        return new ServiceBackend() {
          @Override
          public String name() {
            return name;
          }

          @Override
          public RunningServices start(JobPlan plan, StartOptions options) {
            throw new UnsupportedOperationException();
          }
        };
      }
    };
  }

  @Test
  void triesProvidersByPriorityAndIsolatesFailures() {
    ServiceBackend backend = ServiceBackends.open(null, List.of(
        provider("low", 1, null), provider("high", 10, new ServicesException("cannot connect to unix:///var/run/docker.sock"))));
    assertThat(backend.name()).isEqualTo("low");
  }

  @Test
  void listsEveryFailureWhenNoneConnects() {
    assertThatThrownBy(() -> ServiceBackends.open(null, List.of(
        provider("docker", 10, new ServicesException("cannot connect to unix:///var/run/docker.sock: No such file")),
        provider("kubernetes", 5, new ServicesException("no kubeconfig")))))
        .isInstanceOf(NoBackendException.class)
        .hasMessage("no service backend could connect:\n  docker: cannot connect to unix:///var/run/docker.sock:"
            + " No such file\n  kubernetes: no kubeconfig");
  }

  @Test
  void explicitNameWinsAndAnUnknownNameListsTheAvailableOnes() {
    assertThat(ServiceBackends.open("low", List.of(provider("high", 10, null), provider("low", 1, null))).name())
        .isEqualTo("low");
    assertThatThrownBy(() -> ServiceBackends.open("podman", List.of(provider("docker", 1, null))))
        .hasMessage("no service backend named \"podman\"; available: [docker]");
    assertThatThrownBy(() -> ServiceBackends.open(null, List.of()))
        .hasMessage("no service backend on the class path; add dev.ciservices:services-docker as a dependency");
  }
}
