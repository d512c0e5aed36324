package dev.ciservices.gitlab.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code rules:if} expression with GitLab's grammar ({@code Gitlab::Ci::Pipeline::Expression}):
 * variables ({@code $NAME}), strings in double or single quotes (no escapes), {@code /regex/flags}
 * patterns (flags {@code i}, {@code m}, {@code s}, {@code x}), {@code null}, the operators {@code ==},
 * {@code !=}, {@code =~}, {@code !~}, {@code &&} (binding tighter) and {@code ||}, and parentheses.
 *
 * <p>A value on its own is true when it is defined and not empty. An undefined variable is {@code
 * null}. {@code =~} searches (unanchored); its right side is a pattern or a variable holding one;
 * a {@code null} left side matches nothing.
 */
public final class RuleExpression {
  private static final int MAX_LENGTH = 10_000;
  private static final int MAX_DEPTH = 50;

  private enum Kind { VARIABLE, STRING, PATTERN, NULL, EQ, NE, MATCH, NOT_MATCH, AND, OR, OPEN, CLOSE }

  private record Token(Kind kind, String text) {}

  /** A parsed expression. */
  private sealed interface Node permits Value, Compare, Logic {}

  private record Value(Token token) implements Node {}

  private record Compare(Kind op, Node left, Node right) implements Node {}

  private record Logic(Kind op, Node left, Node right) implements Node {}

  /** Thrown for text that is not an expression; GitLab's text is {@code invalid expression syntax}. */
  public static final class SyntaxError extends Exception {
    SyntaxError(String detail) {
      super(detail);
    }
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+)");
  private static final Pattern PATTERN = Pattern.compile("/((?:\\\\.|[^/\\\\])*)/([a-zA-Z]*)");

  private final String text;
  private final Node root;

  private RuleExpression(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /** Parses an expression. */
  public static RuleExpression parse(String text) throws SyntaxError {
    if (text.length() > MAX_LENGTH) {
      throw new SyntaxError("the expression is longer than " + MAX_LENGTH + " characters");
    }
    Parser parser = new Parser(tokens(text));
    Node root = parser.or(0);
    if (parser.at < parser.tokens.size()) {
      throw new SyntaxError("unexpected " + parser.tokens.get(parser.at).text());
    }
    return new RuleExpression(text, root);
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  /**
   * Evaluates the expression.
   *
   * @param variables the value of a variable, or null when it is not defined
   */
  public boolean evaluate(Function<String, @Nullable String> variables) {
    return truthy(eval(root, variables));
  }

  private static boolean truthy(@Nullable Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    return value instanceof String s && !s.isEmpty() || value instanceof Pattern;
  }

  private static @Nullable Object eval(Node node, Function<String, @Nullable String> variables) {
    if (node instanceof Value v) {
      return switch (v.token().kind()) {
        case VARIABLE -> variables.apply(v.token().text().substring(1));
        case STRING -> v.token().text().substring(1, v.token().text().length() - 1);
        case PATTERN -> pattern(v.token().text());
        default -> null;
      };
    }
    if (node instanceof Logic l) {
      boolean left = truthy(eval(l.left(), variables));
      if (l.op() == Kind.AND) {
        return left && truthy(eval(l.right(), variables));
      }
      return left || truthy(eval(l.right(), variables));
    }
    Compare c = (Compare) node;
    Object left = eval(c.left(), variables);
    Object right = eval(c.right(), variables);
    return switch (c.op()) {
      case EQ -> equal(left, right);
      case NE -> !equal(left, right);
      case MATCH -> matches(left, right);
      default -> !matches(left, right);
    };
  }

  private static boolean equal(@Nullable Object left, @Nullable Object right) {
    if (left instanceof Pattern || right instanceof Pattern) {
      return false;
    }
    return left == null ? right == null : left.equals(right);
  }

  private static boolean matches(@Nullable Object left, @Nullable Object right) {
    if (!(left instanceof String s)) {
      return false;
    }
    Pattern p = right instanceof Pattern given ? given : right instanceof String r ? patternOrNull(r) : null;
    return p != null && p.matcher(s).find();
  }

  /** A variable's value used as a pattern must itself be written {@code /regex/flags}. */
  static @Nullable Pattern patternOrNull(String value) {
    Matcher m = PATTERN.matcher(value);
    if (!m.matches()) {
      return null;
    }
    try {
      return pattern(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A {@code /regex/flags} literal as a Java pattern; also GitLab's regular-expression refs of {@code only}. */
  static Pattern pattern(String literal) {
    Matcher m = PATTERN.matcher(literal);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a pattern: " + literal);
    }
    int flags = 0;
    for (char f : m.group(2).toCharArray()) {
      flags |= switch (f) {
        case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        case 'm' -> Pattern.MULTILINE;
        case 's' -> Pattern.DOTALL;
        case 'x' -> Pattern.COMMENTS;
        default -> throw new IllegalArgumentException("unknown flag " + f);
      };
    }
    return Pattern.compile(m.group(1).replace("\\/", "/"), flags);
  }

  private static List<Token> tokens(String text) throws SyntaxError {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      String rest = text.substring(i);
      Token t = null;
      if (c == '$') {
        Matcher m = VARIABLE.matcher(rest);
        if (m.lookingAt()) {
          t = new Token(Kind.VARIABLE, m.group());
        }
      } else if (c == '"' || c == '\'') {
        int close = text.indexOf(c, i + 1);
        if (close > 0) {
          t = new Token(Kind.STRING, text.substring(i, close + 1));
        }
      } else if (c == '/') {
        Matcher m = PATTERN.matcher(rest);
        if (m.lookingAt()) {
          t = new Token(Kind.PATTERN, m.group());
          try {
            pattern(t.text());
          } catch (IllegalArgumentException e) {
            throw new SyntaxError("invalid pattern " + t.text() + ": "
                + (e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage()));
          }
        }
      } else if (rest.startsWith("null") && (rest.length() == 4 || !Character.isLetterOrDigit(rest.charAt(4)))) {
        t = new Token(Kind.NULL, "null");
      } else {
        for (Kind k : List.of(Kind.EQ, Kind.NE, Kind.MATCH, Kind.NOT_MATCH, Kind.AND, Kind.OR, Kind.OPEN, Kind.CLOSE)) {
          String op = operator(k);
          if (rest.startsWith(op)) {
            t = new Token(k, op);
            break;
          }
        }
      }
      if (t == null) {
        throw new SyntaxError("unexpected \"" + rest.substring(0, Math.min(rest.length(), 20)) + "\"");
      }
      tokens.add(t);
      i += t.text().length();
    }
    return tokens;
  }

  private static String operator(Kind k) {
    return switch (k) {
      case EQ -> "==";
      case NE -> "!=";
      case MATCH -> "=~";
      case NOT_MATCH -> "!~";
      case AND -> "&&";
      case OR -> "||";
      case OPEN -> "(";
      default -> ")";
    };
  }

  private static final class Parser {
    private final List<Token> tokens;
    private int at;

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    private @Nullable Kind peek() {
      return at < tokens.size() ? tokens.get(at).kind() : null;
    }

    Node or(int depth) throws SyntaxError {
      Node left = and(depth);
      while (peek() == Kind.OR) {
        at++;
        left = new Logic(Kind.OR, left, and(depth));
      }
      return left;
    }

    private Node and(int depth) throws SyntaxError {
      Node left = compare(depth);
      while (peek() == Kind.AND) {
        at++;
        left = new Logic(Kind.AND, left, compare(depth));
      }
      return left;
    }

    private Node compare(int depth) throws SyntaxError {
      Node left = primary(depth);
      Kind op = peek();
      if (op == Kind.EQ || op == Kind.NE || op == Kind.MATCH || op == Kind.NOT_MATCH) {
        at++;
        return new Compare(op, left, primary(depth));
      }
      return left;
    }

    private Node primary(int depth) throws SyntaxError {
      Kind k = peek();
      if (k == null) {
        throw new SyntaxError("the expression ends too early");
      }
      if (k == Kind.OPEN) {
        if (depth >= MAX_DEPTH) {
          throw new SyntaxError("parentheses nest more than " + MAX_DEPTH + " levels deep");
        }
        at++;
        Node inner = or(depth + 1);
        if (peek() != Kind.CLOSE) {
          throw new SyntaxError("a parenthesis is not closed");
        }
        at++;
        return inner;
      }
      if (k == Kind.VARIABLE || k == Kind.STRING || k == Kind.PATTERN || k == Kind.NULL) {
        return new Value(tokens.get(at++));
      }
      throw new SyntaxError("unexpected " + tokens.get(at).text());
    }
  }
}
