package dev.ciservices.gitlab.internal;

import org.jspecify.annotations.Nullable;
import dev.ciservices.gitlab.internal.YScalar.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Types plain scalars as GitLab's YAML reader does: Ruby's Psych, a YAML 1.1 reader (its
 * {@code ScalarScanner#tokenize}), and prints the values as Ruby's {@code to_s} does. So {@code yes}
 * is {@code true}, {@code 010} is 8, {@code 1:30} is 90 and {@code 1.10} is {@code 1.1}, as in
 * GitLab. Dates and times, which GitLab refuses to load, and symbols ({@code :name}) stay strings.
 */
final class Scalars {
  private static final Pattern STRINGISH =
      Pattern.compile("^[^\\d.:-]?[\\p{Alpha}_\\s!@#$%^&*(){}<>|/\\\\~;=]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern TRUE = Pattern.compile("(?i)yes|true|on");
  private static final Pattern FALSE = Pattern.compile("(?i)no|false|off");
  private static final Pattern NULL = Pattern.compile("(?i)null");
  private static final Pattern TIME = Pattern.compile(
      "-?\\d{4}-\\d{1,2}-\\d{1,2}(?:[Tt]|\\s+)\\d{1,2}:\\d\\d:\\d\\d(?:\\.\\d*)?(?:\\s*(?:Z|[-+]\\d{1,2}:?(?:\\d\\d)?))?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-(?:1[012]|0\\d|\\d)-(?:[12]\\d|3[01]|0\\d|\\d)");
  private static final Pattern INF = Pattern.compile("(?i)\\+?\\.inf");
  private static final Pattern NEG_INF = Pattern.compile("(?i)-\\.inf");
  private static final Pattern NAN = Pattern.compile("(?i)\\.nan");
  private static final Pattern SEXAGESIMAL_INT = Pattern.compile("[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}");
  private static final Pattern SEXAGESIMAL_FLOAT = Pattern.compile("[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\\.[0-9_]*");
  private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9][0-9_,]*)?\\.[0-9]*([eE][-+][0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile(
      "[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+");

  private Scalars() {}

  /** Types a plain (unquoted, untagged) scalar. */
  static YScalar plain(String text, Loc loc) {
    if (text.isEmpty()) {
      return new YScalar(text, Kind.NULL, "", loc);
    }
    if (STRINGISH.matcher(text).lookingAt() || text.indexOf('\n') >= 0) {
      if (text.length() > 5 || "ytonfYTONF~".indexOf(text.charAt(0)) < 0) {
        return YScalar.string(text, loc);
      }
      if (text.equals("~") || NULL.matcher(text).matches()) {
        return new YScalar(text, Kind.NULL, "", loc);
      }
      if (TRUE.matcher(text).matches()) {
        return new YScalar(text, Kind.BOOL, "true", loc);
      }
      if (FALSE.matcher(text).matches()) {
        return new YScalar(text, Kind.BOOL, "false", loc);
      }
      return YScalar.string(text, loc);
    }
    if (TIME.matcher(text).matches() || DATE.matcher(text).matches() || text.startsWith(":")) {
      return YScalar.string(text, loc);
    }
    if (INF.matcher(text).matches()) {
      return new YScalar(text, Kind.FLOAT, "Infinity", loc);
    }
    if (NEG_INF.matcher(text).matches()) {
      return new YScalar(text, Kind.FLOAT, "-Infinity", loc);
    }
    if (NAN.matcher(text).matches()) {
      return new YScalar(text, Kind.FLOAT, "NaN", loc);
    }
    if (SEXAGESIMAL_INT.matcher(text).matches()) {
      return new YScalar(text, Kind.INT, sexagesimal(text).toBigInteger().toString(), loc);
    }
    if (SEXAGESIMAL_FLOAT.matcher(text).matches()) {
      return new YScalar(text, Kind.FLOAT, rubyFloat(sexagesimal(text).doubleValue()), loc);
    }
    if (FLOAT.matcher(text).matches()) {
      if (text.matches("[-+]?\\.")) {
        return YScalar.string(text, loc);
      }
      String cleaned = text.replace(",", "").replace("_", "").replaceAll("\\.([Ee]|$)", "$1");
      try {
        return new YScalar(text, Kind.FLOAT, rubyFloat(Double.parseDouble(cleaned)), loc);
      } catch (NumberFormatException e) {
        return YScalar.string(text, loc);
      }
    }
    if (INTEGER.matcher(text).matches()) {
      BigInteger value = integer(text.replace(",", "").replace("_", ""));
      return value == null ? YScalar.string(text, loc) : new YScalar(text, Kind.INT, value.toString(), loc);
    }
    return YScalar.string(text, loc);
  }

  /** Ruby's {@code Integer(s)} for the forms the integer pattern admits, or null when Ruby would fail. */
  private static @Nullable BigInteger integer(String s) {
    boolean negative = s.startsWith("-");
    String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    int radix = 10;
    if (body.startsWith("0b")) {
      radix = 2;
      body = body.substring(2);
    } else if (body.startsWith("0x")) {
      radix = 16;
      body = body.substring(2);
    } else if (body.length() > 1 && body.startsWith("0")) {
      radix = 8;
      body = body.substring(1);
    }
    if (body.isEmpty()) {
      return radix == 8 ? BigInteger.ZERO : null;
    }
    BigInteger value = new BigInteger(body, radix);
    return negative ? value.negate() : value;
  }

  /** Base 60: {@code 1:30:00} is 5400. */
  private static BigDecimal sexagesimal(String text) {
    boolean negative = text.startsWith("-");
    String body = text.replace("_", "");
    if (body.startsWith("-") || body.startsWith("+")) {
      body = body.substring(1);
    }
    BigDecimal value = BigDecimal.ZERO;
    for (String part : body.split(":")) {
      value = value.multiply(BigDecimal.valueOf(60)).add(new BigDecimal(part.endsWith(".") ? part + "0" : part));
    }
    return negative ? value.negate() : value;
  }

  /** Ruby's {@code Float#to_s}: {@code 1.1}, {@code 100.0}, {@code 1.0e+16}, {@code 1.0e-05}. */
  static String rubyFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int decpt = digits.length() - bd.scale();
    StringBuilder s = new StringBuilder(d < 0 ? "-" : "");
    if (decpt > 0 && decpt <= 16) {
      if (digits.length() <= decpt) {
        s.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
      } else {
        s.append(digits, 0, decpt).append('.').append(digits.substring(decpt));
      }
    } else if (decpt <= 0 && decpt > -4) {
      s.append("0.").append("0".repeat(-decpt)).append(digits);
    } else {
      s.append(digits.charAt(0)).append('.').append(digits.length() > 1 ? digits.substring(1) : "0");
      int exp = decpt - 1;
      s.append('e').append(exp < 0 ? '-' : '+').append(String.format("%02d", Math.abs(exp)));
    }
    return s.toString();
  }
}
