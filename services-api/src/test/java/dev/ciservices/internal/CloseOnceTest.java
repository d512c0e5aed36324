package dev.ciservices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link CloseOnce}: one claim wins, and the shutdown hook runs the clean-up only when nothing claimed it. */
class CloseOnceTest {

  /** A JVM that makes a {@link CloseOnce#atExit} and claims it as many times as its argument says, then exits. */
  public static final class Child {
    public static void main(String[] args) {
      CloseOnce once = CloseOnce.atExit("ci-services-test-hook", () -> System.out.println("cleaned at exit"));
      for (int i = 0; i < Integer.parseInt(args[0]); i++) {
        System.out.println("claim " + once.claim());
      }
      System.out.println("claimed " + once.isClaimed());
      if (args.length > 1) {
        System.exit(3);
      }
    }
  }

  private static List<String> child(String... args) throws Exception {
    String classPath = Path.of(CloseOnce.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        + File.pathSeparator + Path.of(Child.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, Child.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    System.out.println(String.join(" ", args) + " -> exit " + p.exitValue() + ": " + out.strip().replace('\n', '|'));
    return out.lines().toList();
  }

  @Test
  void theShutdownHookCleansUpWhenNothingClaimedIt() throws Exception {
    assertThat(child("0")).containsExactly("claimed false", "cleaned at exit");
    assertThat(child("0", "exit")).containsExactly("claimed false", "cleaned at exit");
  }

  @Test
  void aClaimBeforeExitWinsOnceAndTheHookDoesNothing() throws Exception {
    assertThat(child("2")).containsExactly("claim true", "claim false", "claimed true");
    assertThat(child("1", "exit")).containsExactly("claim true", "claimed true");
  }

  @Test
  void ofTheManyThreadsThatClaimAtOnceOnlyOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      CloseOnce once = CloseOnce.of();
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        claims.add(CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return once.claim();
        }));
      }
      assertThat(once.isClaimed()).isFalse();
      go.countDown();
      assertThat(claims.stream().map(CompletableFuture::join).filter(b -> b).count()).isEqualTo(1);
      assertThat(once.isClaimed()).isTrue();
    }
  }
}
