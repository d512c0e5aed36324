package dev.ciservices.details;

/**
 * A value the details could not know from the service's image and environment.
 *
 * @param value what is missing, e.g. {@code the password}
 * @param variable the variable (or setting) that would tell, e.g. {@code POSTGRES_PASSWORD}
 * @param reason why it is not known, e.g. {@code POSTGRES_PASSWORD is not set, and postgres refuses to
 *     start without it}
 * @param fix what to change, e.g. {@code set POSTGRES_PASSWORD in the service's or the job's variables}
 */
public record Unknown(String value, String variable, String reason, String fix) {

  /** {@code the password: <reason>; <fix>}. */
  public String describe() {
    return value + ": " + reason + "; " + fix;
  }

  @Override
  public String toString() {
    return describe();
  }
}
