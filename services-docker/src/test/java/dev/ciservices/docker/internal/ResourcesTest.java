package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ListContainersCmd;
import com.github.dockerjava.api.command.RemoveContainerCmd;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * At JVM exit the shutdown hook of a job's {@link Resources} and a hook that closes the handle run at
 * once: whichever comes second must return only when the removal is done, since the handle then
 * releases the Docker client and its threads (which left the containers running, the removal
 * failing with RejectedExecutionException on the closed pool).
 */
class ResourcesTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  /** An engine whose container removal waits until {@link #finish} opens. */
  private static final class SlowEngine {
    final CountDownLatch removing = new CountDownLatch(1);
    final CountDownLatch finish = new CountDownLatch(1);

    DockerClient client() {
      return proxy(DockerClient.class);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type) {
      InvocationHandler handler = (self, method, args) -> {
        if (method.getDeclaringClass() == Object.class) {
          return switch (method.getName()) {
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> type.getSimpleName();
          };
        }
        if (method.getName().equals("exec")) {
          if (type == ListContainersCmd.class) {
            return List.of();
          }
          if (type == RemoveContainerCmd.class) {
            removing.countDown();
            finish.await();
          }
          return null;
        }
        Class<?> returned = method.getReturnType();
        return returned.isInterface() ? proxy(returned) : null;
      };
      return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
  }

  @Test
  void aRemovalDuringAnotherReturnsOnlyOnceThatOneIsDone() throws Exception {
    SlowEngine engine = new SlowEngine();
    Resources resources = new Resources(engine.client(), POOL, "0123456789abcdef");
    resources.addContainer("c1", "svc-0");
    CompletableFuture<Resources.Result> first = CompletableFuture.supplyAsync(resources::removeAll);
    assertThat(engine.removing.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Resources.Result> second = CompletableFuture.supplyAsync(resources::removeAll);
    Thread.sleep(300);
    assertThat(second).as("the second removal returned while the first was still removing").isNotDone();

    engine.finish.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).removed()).containsExactly("container svc-0");
    assertThat(second.get(10, TimeUnit.SECONDS).removed()).isEmpty();
  }

  @Test
  void aKeepDuringARemovalReturnsOnlyOnceItIsDone() throws Exception {
    SlowEngine engine = new SlowEngine();
    Resources resources = new Resources(engine.client(), POOL, "fedcba9876543210");
    resources.addContainer("c1", "svc-0");
    CompletableFuture<Resources.Result> removal = CompletableFuture.supplyAsync(resources::removeAll);
    assertThat(engine.removing.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> keep = CompletableFuture.runAsync(resources::keep);
    Thread.sleep(300);
    assertThat(keep).as("keep returned while the removal was still removing").isNotDone();

    engine.finish.countDown();
    keep.get(10, TimeUnit.SECONDS);
    assertThat(removal.get(10, TimeUnit.SECONDS).removed()).containsExactly("container svc-0");
  }

  @Test
  void aRemovalAfterAnotherIsDoneReturnsAtOnceWithNothing() throws Exception {
    SlowEngine engine = new SlowEngine();
    engine.finish.countDown();
    Resources resources = new Resources(engine.client(), POOL, "00000000ffffffff");
    resources.addContainer("c1", "svc-0");
    assertThat(resources.removeAll().removed()).containsExactly("container svc-0");
    assertThat(CompletableFuture.supplyAsync(resources::removeAll).get(1, TimeUnit.SECONDS).removed()).isEmpty();
  }
}
