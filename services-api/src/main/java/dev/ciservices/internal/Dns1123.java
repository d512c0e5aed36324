package dev.ciservices.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The DNS-1123 validators of {@code k8s.io/apimachinery}, with their exact messages. */
public final class Dns1123 {
  private Dns1123() {}

  private static final String LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FORMAT = LABEL_FORMAT + "(\\." + LABEL_FORMAT + ")*";
  private static final Pattern LABEL = Pattern.compile(LABEL_FORMAT);
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
  private static final int LABEL_MAX = 63;
  private static final int SUBDOMAIN_MAX = 253;

  /** The messages {@code IsDNS1123Label} returns; empty when the value is a valid label. */
  public static List<String> labelErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > LABEL_MAX) {
      errors.add("must be no more than " + LABEL_MAX + " characters");
    }
    if (!LABEL.matcher(value).matches()) {
      if (SUBDOMAIN.matcher(value).matches()) {
        errors.add("must not contain dots");
      } else {
        errors.add(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
                + " and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
                + " regex used for validation is '" + LABEL_FORMAT + "')");
      }
    }
    return errors;
  }

  /** The messages {@code IsDNS1123Subdomain} returns; empty when the value is a valid subdomain. */
  public static List<String> subdomainErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > SUBDOMAIN_MAX) {
      errors.add("must be no more than " + SUBDOMAIN_MAX + " characters");
    }
    if (!SUBDOMAIN.matcher(value).matches()) {
      errors.add(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.',"
              + " and must start and end with an alphanumeric character (e.g. 'example.com',"
              + " regex used for validation is '" + SUBDOMAIN_FORMAT + "')");
    }
    return errors;
  }

  /** A valid label close to {@code value}: lower case, other characters turned to '-'; for hints. */
  public static String suggestLabel(String value) {
    String s = value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    s = s.replaceAll("^-+", "").replaceAll("-+$", "");
    if (s.length() > LABEL_MAX) {
      s = s.substring(0, LABEL_MAX).replaceAll("-+$", "");
    }
    return s;
  }
}
