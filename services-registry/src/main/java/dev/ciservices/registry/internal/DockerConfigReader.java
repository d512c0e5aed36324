package dev.ciservices.registry.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciservices.registry.CredentialHelpers;
import dev.ciservices.RegistryCredential;
import dev.ciservices.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads one source in the {@code config.json} format as the runner does (registry-auth.md 2.1 to
 * 2.5): {@code auths}, then {@code credsStore} entries over them, then {@code credHelpers} entries
 * over those, key by key; the result in byte-wise key order. Error messages never hold a secret.
 */
public final class DockerConfigReader {
  /** The runner's fatal error for a helper name that is not a bare file name. */
  public static final String PATH_TRAVERSAL = "path traversal is not allowed";
  private static final String NOT_FOUND = "credentials not found in native keychain";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerConfigReader() {}

  /** A source that cannot be used; the message names the field and never holds a secret. */
  public static final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    SourceException(String reason) {
      super(reason);
      this.reason = reason;
    }

    /** What is wrong with the source; never null, never a secret. */
    public String reason() {
      return reason;
    }
  }

  /** A helper name that is not a bare file name: fatal for the pull, whatever the other sources hold. */
  public static final class PathTraversalException extends Exception {
    private static final long serialVersionUID = 1L;

    PathTraversalException(String message) {
      super(message);
    }
  }

  /**
   * The credentials of one source.
   *
   * @param secrets receives every secret read, before any error, so that a masker knows it
   */
  public static List<RegistryCredential> read(String text, String source, CredentialHelpers helpers,
      Consumer<String> secrets) throws SourceException, PathTraversalException {
    return read(text, source, helpers, secrets, stderr -> { });
  }

  /**
   * The credentials of one source.
   *
   * @param secrets receives every secret read, before any error, so that a masker knows it
   * @param helperStderr receives what each helper run wrote on its standard error, if anything,
   *     unmasked: for the backend to mask and print
   */
  public static List<RegistryCredential> read(String text, String source, CredentialHelpers helpers,
      Consumer<String> secrets, Consumer<String> helperStderr) throws SourceException, PathTraversalException {
    if (text.isBlank()) {
      return List.of();
    }
    JsonNode root = parse(text);
    if (!root.isObject()) {
      throw new SourceException("it is not a JSON object; give {\"auths\":{\"<registry>\":{\"auth\":\"<base64 user:password>\"}}}");
    }
    JsonNode auths = root.get("auths");
    JsonNode store = root.get("credsStore");
    JsonNode helpersNode = root.get("credHelpers");
    checkHelperNames(store, helpersNode);

    Map<String, RegistryCredential> entries = new TreeMap<>();
    if (auths != null && !auths.isNull()) {
      if (!auths.isObject()) {
        throw new SourceException("\"auths\" is not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        entries.put(e.getKey(), fromAuths(e.getKey(), e.getValue(), source, secrets));
      }
    }
    if (store != null && !store.isNull() && !store.asText().isEmpty()) {
      String name = store.asText();
      for (String server : list(name, helpers, helperStderr)) {
        RegistryCredential found = get(name, server, server, source, helpers, secrets, helperStderr);
        // not found: docker/cli's native store answers an empty AuthConfig, server address included
        if (found != null) {
          entries.put(server, found);
        } else if (!entries.containsKey(server)) {
          entries.put(server, new RegistryCredential("", "", "", "", "", "", source));
        } else {
          RegistryCredential kept = entries.get(server);
          entries.put(server, new RegistryCredential("", kept.path(), "", "", "", "", source));
        }
      }
    }
    if (helpersNode != null && !helpersNode.isNull()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = helpersNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        RegistryCredential found = get(e.getValue().asText(), e.getKey(), e.getKey(), source, helpers, secrets,
            helperStderr);
        entries.put(e.getKey(), found != null ? found : new RegistryCredential("", "", "", "", "", "", source));
      }
    }
    return new ArrayList<>(entries.values());
  }

  private static JsonNode parse(String text) throws SourceException {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        return JSON.createObjectNode();
      }
      return node;
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the offending text, which may be a secret: only the position is kept
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String what = String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input")
          ? "unexpected end of JSON input" : "invalid JSON";
      throw new SourceException(what + where + "; check its quotes, commas and braces");
    }
  }

  private static void checkHelperNames(JsonNode store, JsonNode helpers) throws SourceException, PathTraversalException {
    if (store != null && !store.isNull()) {
      if (!store.isTextual()) {
        throw new SourceException("\"credsStore\" is not a string");
      }
      checkBareName("credsStore", store.asText(), true);
    }
    if (helpers != null && !helpers.isNull()) {
      if (!helpers.isObject()) {
        throw new SourceException("\"credHelpers\" is not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw new SourceException("credHelpers[\"" + e.getKey() + "\"] is not a string");
        }
        checkBareName("credHelpers[\"" + e.getKey() + "\"]", e.getValue().asText(), false);
      }
    }
  }

  private static void checkBareName(String field, String name, boolean emptyAllowed) throws PathTraversalException {
    if (name.isEmpty() && emptyAllowed) {
      return;
    }
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
      throw new PathTraversalException(PATH_TRAVERSAL + ": " + field + " is \"" + name + "\"; give the suffix of a"
          + " docker-credential-<name> program on PATH, e.g. \"pass\" for docker-credential-pass");
    }
  }

  private static RegistryCredential fromAuths(String key, JsonNode entry, String source, Consumer<String> secrets)
      throws SourceException {
    String field = "auths[\"" + key + "\"]";
    if (!entry.isObject()) {
      throw new SourceException(field + " is not an object");
    }
    String auth = text(entry, "auth", field);
    String username = text(entry, "username", field);
    String password = text(entry, "password", field);
    String identityToken = text(entry, "identitytoken", field);
    String registryToken = text(entry, "registrytoken", field);
    List.of(auth, password, identityToken, registryToken).stream().filter(s -> !s.isEmpty()).forEach(secrets);
    if (!auth.isEmpty()) {
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(auth);
      } catch (IllegalArgumentException e) {
        throw new SourceException(field + ".auth: illegal base64 data at input byte " + firstBadByte(auth)
            + "; give base64 of user:password, e.g. the output of: printf %s 'user:password' | base64 -w0");
      }
      String pair = new String(decoded, StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        throw new SourceException(field + ".auth: invalid auth configuration file; the decoded value must be"
            + " user:password with a non-empty user");
      }
      username = pair.substring(0, colon);
      password = pair.substring(colon + 1).replace("\0", "");
      secrets.accept(password);
    }
    return new RegistryCredential(key, RegistryCredentials.keyPath(key), username, password, identityToken, registryToken, source);
  }

  private static int firstBadByte(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
      if (!ok && !(c == '=' && i >= s.length() - 2)) {
        return i;
      }
    }
    // right characters, wrong length: Go reports the position where the last quantum starts
    return s.length() - s.length() % 4;
  }

  private static String text(JsonNode entry, String name, String field) throws SourceException {
    JsonNode v = entry.get(name);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new SourceException(field + "." + name + " is not a string");
    }
    return v.asText();
  }

  private static List<String> list(String helper, CredentialHelpers helpers, Consumer<String> helperStderr)
      throws SourceException {
    CredentialHelpers.Output out = run(helper, "list", "unused", helpers, "listing", helperStderr);
    if (out.exitCode() != 0) {
      throw new SourceException("error listing credentials - err: exit status " + out.exitCode() + ", out: `"
          + shown(out.stdout().strip()) + "`");
    }
    try {
      JsonNode node = JSON.readTree(out.stdout());
      List<String> servers = new ArrayList<>();
      if (node != null && node.isObject()) {
        node.fieldNames().forEachRemaining(servers::add);
      } else {
        throw new SourceException("error listing credentials - err: docker-credential-" + helper
            + " list printed no JSON object of server URL to user name");
      }
      servers.sort(null);
      return servers;
    } catch (JsonProcessingException e) {
      throw new SourceException("error listing credentials - err: docker-credential-" + helper
          + " list printed no JSON object of server URL to user name");
    }
  }

  /** The helper's credentials for this server, or null when it has none. */
  private static @Nullable RegistryCredential get(String helper, String key, String serverUrl, String source,
      CredentialHelpers helpers, Consumer<String> secrets, Consumer<String> helperStderr) throws SourceException {
    CredentialHelpers.Output out = run(helper, "get", serverUrl, helpers, "getting", helperStderr);
    String stdout = out.stdout().strip();
    if (out.exitCode() != 0) {
      if (stdout.equals(NOT_FOUND)) {
        return null;
      }
      throw new SourceException("error getting credentials - err: exit status " + out.exitCode() + ", out: `"
          + shown(stdout) + "`");
    }
    JsonNode node;
    try {
      node = JSON.readTree(stdout);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      // the output may be the secret itself: it is not repeated
      throw new SourceException("error getting credentials - err: docker-credential-" + helper + " get printed"
          + " no credentials JSON for \"" + serverUrl + "\"; it must print {\"ServerURL\":...,\"Username\":...,\"Secret\":...}");
    }
    String username = "";
    String secret = "";
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase("username")) {
        username = e.getValue().asText();
      } else if (e.getKey().equalsIgnoreCase("secret")) {
        secret = e.getValue().asText();
      }
    }
    if (!secret.isEmpty()) {
      secrets.accept(secret);
    }
    String path = RegistryCredentials.keyPath(key);
    if (username.equals("<token>")) {
      return new RegistryCredential(key, path, "", "", secret, "", source);
    }
    return new RegistryCredential(key, path, username, secret, "", "", source);
  }

  /**
   * A failed helper's output as the runner quotes it, when it reads as a message (one line of at
   * most 200 characters with a space in it and no JSON); else only its size: a helper that fails
   * after printing credentials, or a bare token, must not have them printed in the warning.
   */
  static String shown(String stdout) {
    boolean message = stdout.length() <= 200 && stdout.indexOf(' ') > 0 && stdout.lines().count() <= 1
        && stdout.indexOf('{') < 0 && stdout.indexOf('"') < 0;
    return message || stdout.isEmpty() ? stdout : "(" + stdout.length() + " characters, not shown: they may hold a secret)";
  }

  private static CredentialHelpers.Output run(String helper, String action, String input, CredentialHelpers helpers,
      String verb, Consumer<String> helperStderr) throws SourceException {
    try {
      CredentialHelpers.Output out = helpers.run(helper, action, input);
      if (!out.stderr().isEmpty()) {
        helperStderr.accept(out.stderr());
      }
      return out;
    } catch (IOException e) {
      throw new SourceException("error " + verb + " credentials - err: " + e.getMessage() + ", out: ``");
    }
  }
}
