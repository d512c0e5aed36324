package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The order of {@link Removal#containers}, on an engine that refuses as Podman does: a container
 * that others joined cannot go while one of them exists.
 */
class RemovalTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(8);

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  /** Podman's refusal: an owner cannot be removed while a container that joined its namespace exists. */
  private static final class Podman implements Consumer<String> {
    final Set<String> existing = Collections.synchronizedSet(new HashSet<>());
    final Map<String, List<String>> joinedBy;
    final List<String> attempts = Collections.synchronizedList(new ArrayList<>());
    /** When set, a container that joined waits for the owner's first attempt before it goes. */
    @Nullable CountDownLatch ownerTried;

    Podman(Map<String, List<String>> joinedBy, String... containers) {
      this.joinedBy = joinedBy;
      existing.addAll(List.of(containers));
    }

    @Override
    public void accept(String id) {
      attempts.add(id);
      CountDownLatch latch = ownerTried;
      if (latch != null) {
        if (joinedBy.containsKey(id)) {
          latch.countDown();
        } else {
          await(latch);
        }
      }
      List<String> dependents = joinedBy.getOrDefault(id, List.of()).stream().filter(existing::contains).toList();
      if (!dependents.isEmpty()) {
        sleep(); // another thread may be removing a dependent right now
        throw new RuntimeException("Status 500: {\"cause\":\"has dependent containers\",\"message\":\"container " + id
            + " has dependent containers which must be removed before it: " + String.join(",", dependents) + "\"}");
      }
      sleep();
      existing.remove(id);
    }

    private static void await(CountDownLatch latch) {
      try {
        latch.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void sleep() {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private record Outcome(List<String> removed, List<String> failed) {}

  private static Outcome remove(Consumer<String> engine, List<Removal.Target> targets) {
    List<String> removed = Collections.synchronizedList(new ArrayList<>());
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    Removal.containers(engine, POOL, targets, t -> removed.add(t.name()),
        (t, e) -> failed.add(t.name() + ": " + e.getMessage()));
    return new Outcome(removed, failed);
  }

  @Test
  void theNamespaceOwnerIsRemovedAfterEveryContainerThatJoinedItAndNeverTriedBefore() {
    Podman podman = new Podman(Map.of("pod", List.of("svc-1", "svc-2", "job")), "pod", "svc-1", "svc-2", "job");
    List<Removal.Target> targets = List.of(new Removal.Target("pod", "p-pod", true),
        new Removal.Target("svc-1", "p-svc-1", false), new Removal.Target("svc-2", "p-svc-2", false),
        new Removal.Target("job", "p-job", false));

    Outcome outcome = remove(podman, targets);

    System.out.println("attempts in order: " + podman.attempts);
    assertThat(outcome.failed()).isEmpty();
    assertThat(outcome.removed()).containsExactlyInAnyOrder("p-pod", "p-svc-1", "p-svc-2", "p-job");
    assertThat(outcome.removed().get(3)).isEqualTo("p-pod");
    assertThat(podman.attempts).hasSize(4).last().isEqualTo("pod");
    assertThat(podman.existing).isEmpty();
  }

  @Test
  void anOwnerNotKnownAsOneIsRetriedOnceTheOthersAreGone() {
    Podman podman = new Podman(Map.of("pod", List.of("svc-1", "svc-2")), "pod", "svc-1", "svc-2");
    podman.ownerTried = new CountDownLatch(1);
    // listed without its label: it goes in parallel with the others and is refused while they exist
    List<Removal.Target> targets = List.of(new Removal.Target("pod", "p-pod", false),
        new Removal.Target("svc-1", "p-svc-1", false), new Removal.Target("svc-2", "p-svc-2", false));

    Outcome outcome = remove(podman, targets);

    System.out.println("attempts in order: " + podman.attempts);
    assertThat(outcome.failed()).isEmpty();
    assertThat(outcome.removed()).containsExactlyInAnyOrder("p-pod", "p-svc-1", "p-svc-2");
    assertThat(podman.attempts).filteredOn("pod"::equals).hasSize(2);
    assertThat(podman.existing).isEmpty();
  }

  @Test
  void aContainerStillRefusedAfterTwoRetriesIsOneFailureAndTheOthersGo() {
    // "stuck" depends on a container outside the removal: it can never go
    Podman podman = new Podman(Map.of("stuck", List.of("foreign")), "stuck", "foreign", "svc");
    List<Removal.Target> targets = List.of(new Removal.Target("stuck", "p-stuck", true),
        new Removal.Target("svc", "p-svc", false));

    Outcome outcome = remove(podman, targets);

    assertThat(outcome.removed()).containsExactly("p-svc");
    assertThat(outcome.failed()).containsExactly("p-stuck: Status 500: {\"cause\":\"has dependent containers\","
        + "\"message\":\"container stuck has dependent containers which must be removed before it: foreign\"}");
    assertThat(podman.attempts).filteredOn("stuck"::equals).hasSize(3);
  }

  @Test
  void anyOtherErrorIsAFailureAtOnceWithoutRetry() {
    List<String> attempts = Collections.synchronizedList(new ArrayList<>());
    Outcome outcome = remove(id -> {
      attempts.add(id);
      if (id.equals("bad")) {
        throw new RuntimeException("Status 500: driver failed");
      }
    }, List.of(new Removal.Target("bad", "p-bad", false), new Removal.Target("pod", "p-pod", true)));

    assertThat(outcome.removed()).containsExactly("p-pod");
    assertThat(outcome.failed()).containsExactly("p-bad: Status 500: driver failed");
    assertThat(attempts).containsExactly("bad", "pod");
  }
}
