package dev.ciservices.internal;

import dev.ciservices.ImageRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GitLab's rules for the names a service container answers to.
 *
 * <ul>
 *   <li><b>Splitting:</b> the {@code alias} string may hold several aliases separated by commas and
 *       white space; order and duplicates are kept ({@link #split}).
 *   <li><b>Default aliases:</b> the image name without registry port, tag and digest, {@code /}
 *       replaced by {@code __} (primary) and by {@code -} (secondary, only when different) ({@link
 *       #defaultAliases}). User aliases come after them, they never replace them ({@link
 *       #candidates}).
 *   <li><b>Docker:</b> an alias already held by an earlier service, or earlier by the same service,
 *       is skipped with the warning of {@link #skippingAliasWarning}.
 *   <li><b>Kubernetes container names:</b> the first user alias that no earlier service examined and
 *       that is a valid DNS-1123 label, else {@code svc-<i>} counting only the fallbacks ({@link
 *       #kubernetesContainerNames}).
 *   <li><b>Kubernetes host aliases:</b> default aliases that are not valid DNS-1123 subdomains are
 *       dropped silently; an invalid user alias is an error ({@link #kubernetesHostAliases}).
 * </ul>
 */
public final class AliasPolicy {
  private AliasPolicy() {}

  /** Splits an {@code alias} value: every comma becomes a space, then it splits on white space. */
  public static List<String> split(String alias) {
    List<String> aliases = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    alias.codePoints().forEach(c -> {
      if (c == ',' || isSpace(c)) {
        if (current.length() > 0) {
          aliases.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.appendCodePoint(c);
      }
    });
    if (current.length() > 0) {
      aliases.add(current.toString());
    }
    return List.copyOf(aliases);
  }

  /** Go's {@code unicode.IsSpace}, which {@code strings.Fields} splits on: the Unicode White_Space set. */
  public static boolean isSpace(int c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  /** The default aliases of an image name, or none when GitLab finds no service in the name. */
  public static List<String> defaultAliases(String imageName) {
    return ImageRef.tryParse(imageName).map(ImageRef::defaultAliases).orElse(List.of());
  }

  /** The default aliases followed by the user aliases, duplicates kept: what Docker is offered. */
  public static List<String> candidates(String imageName, List<String> userAliases) {
    List<String> all = new ArrayList<>(defaultAliases(imageName));
    all.addAll(userAliases);
    return List.copyOf(all);
  }

  /**
   * The warning GitLab Runner prints (after {@code WARNING: }) when a service's alias is already in
   * use.
   *
   * @param index the service's position, {@code config.toml} services first
   */
  public static String skippingAliasWarning(String alias, String serviceName, int index) {
    return "Skipping alias \"" + alias + "\" for service \"" + serviceName + "\" (services[" + index + "]):"
        + " alias is already in use by another service.";
  }

  /**
   * The Kubernetes container name of each service, in order.
   *
   * @param userAliases each service's user aliases (expanded), {@code config.toml} services first;
   *     leave out services whose name is empty, as the runner does
   */
  public static List<String> kubernetesContainerNames(List<List<String>> userAliases) {
    Set<String> examined = new HashSet<>();
    List<String> names = new ArrayList<>(userAliases.size());
    int fallbacks = 0;
    for (List<String> aliases : userAliases) {
      String chosen = null;
      for (String alias : aliases) {
        if (!examined.add(alias)) {
          continue;
        }
        if (Dns1123.labelErrors(alias).isEmpty()) {
          chosen = alias;
          break;
        }
      }
      names.add(chosen != null ? chosen : "svc-" + fallbacks++);
    }
    return List.copyOf(names);
  }

  /** Why {@code value} is not a DNS-1123 label (Kubernetes' messages joined by ", "), if it is not. */
  public static Optional<String> dns1123LabelProblem(String value) {
    List<String> errors = Dns1123.labelErrors(value);
    return errors.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", errors));
  }

  /** Why {@code value} is not a DNS-1123 subdomain (Kubernetes' messages joined by ", "), if it is not. */
  public static Optional<String> dns1123SubdomainProblem(String value) {
    List<String> errors = Dns1123.subdomainErrors(value);
    return errors.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", errors));
  }

  /**
   * The hostnames a service gets as Kubernetes host aliases: the default aliases that are valid
   * DNS-1123 subdomains, then every user alias.
   *
   * @throws IllegalArgumentException with the runner's text, {@code provided host alias <alias> for
   *     service <name> is invalid DNS. <reasons>}, when a user alias is not a valid subdomain
   */
  public static List<String> kubernetesHostAliases(String serviceName, List<String> userAliases) {
    List<String> hostnames = new ArrayList<>();
    for (String alias : defaultAliases(serviceName)) {
      if (Dns1123.subdomainErrors(alias).isEmpty()) {
        hostnames.add(alias);
      }
    }
    for (String alias : userAliases) {
      Optional<String> problem = hostAliasProblem(alias, serviceName);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(problem.get());
      }
      hostnames.add(alias);
    }
    return List.copyOf(hostnames);
  }

  /**
   * The runner's error for a user alias that cannot be a Kubernetes host alias, if it cannot.
   *
   * @return e.g. {@code provided host alias alpine_edge for service alpine:edge is invalid DNS. a
   *     lowercase RFC 1123 subdomain must consist of ...}
   */
  public static Optional<String> hostAliasProblem(String alias, String serviceName) {
    List<String> errors = Dns1123.subdomainErrors(alias);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "provided host alias " + alias + " for service " + serviceName + " is invalid DNS. " + String.join(", ", errors));
  }

  /** A valid DNS-1123 label close to {@code alias}, for hints: {@code pg_db} gives {@code pg-db}. */
  public static String suggestLabel(String alias) {
    return Dns1123.suggestLabel(alias);
  }

  public static boolean isHostname(String alias) {
    return !alias.isEmpty() && alias.length() <= 253
        && alias.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))
        && Arrays.stream(alias.split("\\.", -1)).noneMatch(String::isEmpty);
  }
}
