package dev.ciservices.registry;

import dev.ciservices.ImagePullException;
import dev.ciservices.RegistryCredential;
import dev.ciservices.RegistryCredentials;
import dev.ciservices.registry.internal.DockerConfigReader;
import dev.ciservices.registry.internal.PathCredentialHelpers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runner's rules to pick registry credentials (registry-auth.md sections 1 and 2): the sources
 * of a {@link RegistryCredentials} merged in order, one entry per registry path (the first wins),
 * then for an image the longest matching path, whatever its source. Reads the config file and runs
 * credential helpers each time it is asked, as the runner does for every pull. Stateless and
 * thread-safe.
 */
public final class RegistryAuth {
  private static final CredentialHelpers NO_HELPERS = (name, action, input) -> new CredentialHelpers.Output(1, "");

  private RegistryAuth() {}

  /** The helpers a plan's credentials run: in their helper folders first, then on this process's {@code PATH}. */
  public static CredentialHelpers helpers(RegistryCredentials sources) {
    List<Path> dirs = new ArrayList<>(sources.helperDirectories());
    dirs.addAll(PathCredentialHelpers.fromEnvironment().directories());
    return CredentialHelpers.in(dirs);
  }

  /**
   * The secrets that can be known without running a helper or reading a file: the whole
   * {@code DOCKER_AUTH_CONFIG} value, its {@code auth} strings, passwords and tokens, and the
   * payload's passwords. What a trace's masker starts with.
   */
  public static List<String> knownSecrets(RegistryCredentials sources) {
    Set<String> out = new LinkedHashSet<>();
    String authConfig = sources.authConfig().orElse("");
    if (!authConfig.isBlank()) {
      out.add(authConfig.strip());
      try {
        DockerConfigReader.read(authConfig, RegistryCredential.AUTH_CONFIG_SOURCE, NO_HELPERS, out::add);
      } catch (DockerConfigReader.SourceException | DockerConfigReader.PathTraversalException ignored) {
        // what was read before the error is already in the set; the error is reported at pull time
      }
    }
    sources.payload().forEach(c -> out.addAll(c.secrets()));
    out.remove("");
    return List.copyOf(out);
  }

  /**
   * Every credential of every source, merged as the runner merges them: sources in order, inside
   * one source by key, the first entry for a path kept. What the Kubernetes executor puts in its
   * pull secret.
   *
   * @throws ImagePullException {@code path traversal is not allowed: ...} when a source names a
   *     helper that is not a bare program name
   */
  public static Resolution resolveAll(RegistryCredentials sources, CredentialHelpers helpers) {
    List<String> warnings = new ArrayList<>();
    List<String> stderr = new ArrayList<>();
    Set<String> secrets = new LinkedHashSet<>(knownSecrets(sources));
    Map<String, RegistryCredential> merged = new LinkedHashMap<>();
    Optional<String> authConfig = sources.authConfig();
    if (authConfig.isPresent()) {
      read(authConfig.get(), RegistryCredential.AUTH_CONFIG_SOURCE, helpers, merged, warnings, secrets, stderr);
    }
    for (Path file : sources.configFiles()) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException | RuntimeException e) {
        warnings.add(sourceWarning(file.toString(), "cannot read the file: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + e.getMessage())));
        break;
      }
      read(text, file.toString(), helpers, merged, warnings, secrets, stderr);
      break;
    }
    for (RegistryCredential c : sources.payload()) {
      merged.putIfAbsent(c.path(), c);
    }
    secrets.remove("");
    return new Resolution(List.copyOf(merged.values()), warnings, List.copyOf(secrets), stderr);
  }

  /**
   * The credential the runner would send for this image: its path, then each parent path; the
   * first with an entry wins whatever its source. Empty when none matches (the pull is anonymous).
   *
   * @param image the image as pulled, e.g. {@code registry.example.com:5005/group/app:1.2}
   * @throws ImagePullException {@code path traversal is not allowed: ...}
   */
  public static ImageCredentials forImage(RegistryCredentials sources, String image, CredentialHelpers helpers) {
    Resolution all = resolveAll(sources, helpers);
    Map<String, RegistryCredential> byPath = new LinkedHashMap<>();
    all.credentials().forEach(c -> byPath.putIfAbsent(c.path(), c));
    for (String path : RegistryCredentials.candidatePaths(image)) {
      RegistryCredential c = byPath.get(path);
      if (c != null && !path.isEmpty()) {
        return new ImageCredentials(Optional.of(c), all.warnings(), all.secrets(), all.helperStderr());
      }
    }
    return new ImageCredentials(Optional.empty(), all.warnings(), all.secrets(), all.helperStderr());
  }

  /** {@link #forImage(RegistryCredentials, String, CredentialHelpers)} with {@link #helpers(RegistryCredentials)}. */
  public static ImageCredentials forImage(RegistryCredentials sources, String image) {
    return forImage(sources, image, helpers(sources));
  }

  private static void read(String text, String source, CredentialHelpers helpers,
      Map<String, RegistryCredential> merged, List<String> warnings, Set<String> secrets, List<String> stderr) {
    List<RegistryCredential> entries;
    try {
      entries = DockerConfigReader.read(text, source, helpers, secrets::add, stderr::add);
    } catch (DockerConfigReader.SourceException e) {
      warnings.add(sourceWarning(source, e.reason()));
      return;
    } catch (DockerConfigReader.PathTraversalException e) {
      throw new ImagePullException(e.getMessage() + " (in " + source + ")");
    }
    for (RegistryCredential c : entries) {
      merged.putIfAbsent(c.path(), c);
    }
  }

  private static String sourceWarning(String source, String error) {
    return "Failed to resolve credentials from " + source + ": " + error + ". Credentials from this source will not be used.";
  }

  /**
   * Writes what credential helpers wrote on their standard error to this process's standard error,
   * where the runner sends it (registry-auth.md 2.5), each text through {@code mask}: the backend's
   * masker, which knows the secrets the helpers returned.
   */
  public static void printHelperStderr(List<String> helperStderr, java.util.function.UnaryOperator<String> mask) {
    if (helperStderr.isEmpty()) {
      return;
    }
    java.io.PrintStream err = System.err;
    synchronized (err) {
      helperStderr.forEach(text -> err.print(mask.apply(text)));
      err.flush();
    }
  }

  /**
   * Every credential of every source, merged.
   *
   * @param credentials one per registry path, in the runner's order
   * @param warnings {@code Failed to resolve credentials from <source>: ...} for each source dropped
   * @param secrets every secret seen, for a masker
   * @param helperStderr what each helper run wrote on its standard error, unmasked: print it with
   *     {@link RegistryAuth#printHelperStderr} after the secrets joined the masker
   */
  public record Resolution(List<RegistryCredential> credentials, List<String> warnings, List<String> secrets,
      List<String> helperStderr) {
    /** Copies the lists. */
    public Resolution {
      credentials = List.copyOf(credentials);
      warnings = List.copyOf(warnings);
      secrets = List.copyOf(secrets);
      helperStderr = List.copyOf(helperStderr);
    }

    /** A resolution without helper output. */
    public Resolution(List<RegistryCredential> credentials, List<String> warnings, List<String> secrets) {
      this(credentials, warnings, secrets, List.of());
    }
  }

  /**
   * The credential for one image.
   *
   * @param credential the matching entry, empty for an anonymous pull
   * @param warnings the sources dropped, each in the runner's words, to print before the pull
   * @param secrets every secret seen, for a masker
   * @param helperStderr what each helper run wrote on its standard error, unmasked: print it with
   *     {@link RegistryAuth#printHelperStderr} after the secrets joined the masker
   */
  public record ImageCredentials(Optional<RegistryCredential> credential, List<String> warnings, List<String> secrets,
      List<String> helperStderr) {
    /** Copies the lists. */
    public ImageCredentials {
      warnings = List.copyOf(warnings);
      secrets = List.copyOf(secrets);
      helperStderr = List.copyOf(helperStderr);
    }

    /** Credentials without helper output. */
    public ImageCredentials(Optional<RegistryCredential> credential, List<String> warnings, List<String> secrets) {
      this(credential, warnings, secrets, List.of());
    }

    /** {@code Authenticating with credentials from <source>}, when an entry matched. */
    public Optional<String> traceLine() {
      return credential.map(c -> "Authenticating with credentials from " + c.source());
    }
  }
}
