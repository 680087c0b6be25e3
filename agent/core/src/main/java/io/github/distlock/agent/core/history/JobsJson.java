package io.github.distlock.agent.core.history;

/**
 * The JSON form of a key's history and status, as {@code jobs --json} prints it and the dashboard reads it: the
 * fields a script or a page needs, and never an owner token, which would let its reader release the lock.
 */
public final class JobsJson {

  private final StringBuilder json = new StringBuilder("[");
  private boolean first = true;

  /**
   * Adds one key.
   *
   * @param timeLeftMillis time left on the lock, when held
   */
  public JobsJson add(KeyHistory history, JobStatus status, long timeLeftMillis) {
    json.append(first ? "" : ",").append('{');
    first = false;
    field("key").append(quote(history.key())).append(',');
    field("state").append(quote(status.state().wireName())).append(',');
    field("runs").append(history.runs().size()).append(',');
    field("failures").append(status.failures()).append(',');
    field("intervalMs").append(status.intervalMillis() < 0 ? "null" : Long.toString(status.intervalMillis()));
    json.append(',');
    field("lastRun");
    if (history.runs().isEmpty()) {
      json.append("null");
    } else {
      run(history.runs().get(0));
    }
    json.append(',');
    field("holder");
    if (history.holderToken() == null) {
      json.append("null");
    } else {
      Owner owner = Owner.of(history.holderToken());
      json.append('{');
      owner(owner);
      field("heldForMs").append(status.heldForMillis() < 0 ? "null" : Long.toString(status.heldForMillis()));
      json.append(',');
      field("timeLeftMs").append(timeLeftMillis < 0 ? "null" : Long.toString(timeLeftMillis)).append('}');
    }
    json.append(',');
    field("recentRuns").append('[');
    for (int i = 0; i < history.runs().size(); i++) {
      json.append(i == 0 ? "" : ",");
      run(history.runs().get(i));
    }
    json.append("]}");
    return this;
  }

  @Override
  public String toString() {
    return json + "]";
  }

  private void run(RecordedRun run) {
    RunRecord record = run.record();
    json.append('{');
    owner(run.owner());
    field("startedAt").append(record.startedAtMillis()).append(',');
    field("durationMs").append(record.durationMillis()).append(',');
    field("outcome").append(quote(record.outcome().wireName())).append(',');
    field("error").append(record.errorClass() == null ? "null" : quote(record.errorClass())).append('}');
  }

  private void owner(Owner owner) {
    field("host").append(owner.host() == null ? "null" : quote(owner.host())).append(',');
    field("pid").append(owner.pid() == null ? "null" : owner.pid()).append(',');
  }

  private StringBuilder field(String name) {
    return json.append('"').append(name).append("\":");
  }

  /** {@code text} as a JSON string. */
  public static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        // Escaped markup too: the dashboard's page may embed it.
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
