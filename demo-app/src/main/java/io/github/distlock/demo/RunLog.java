package io.github.distlock.demo;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * This replica's record of the job runs it did, one line each, which the launcher merges into the fleet report.
 * A file per replica rather than Redis: the app depends on nothing but the annotations.
 *
 * <p>Line format: {@code tick=<job>:<epochSecond> replica=<id> end=<epochMillis>}, where {@code end} is when the
 * run finished on this replica's clock, so the report can tell a tick skipped because the previous run was still
 * going from a missed one.
 */
final class RunLog implements Closeable {

  private final String replica;
  private final Writer out;

  private RunLog(String replica, Writer out) {
    this.replica = replica;
    this.out = out;
  }

  static RunLog open(Path file, String replica) throws IOException {
    return new RunLog(replica, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND));
  }

  synchronized void ran(JobSpec job, long tick) {
    try {
      out.write("tick=" + job.jobName() + ":" + tick + " replica=" + replica + " end="
          + System.currentTimeMillis() + "\n");
      // Flushed per line: a replica killed mid-run still leaves every finished run on disk.
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record " + job.jobName() + ":" + tick, e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
