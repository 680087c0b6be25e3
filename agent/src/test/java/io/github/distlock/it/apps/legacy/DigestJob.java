package io.github.distlock.it.apps.legacy;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Another Quartz job of {@link QuartzFleetApp}, firing at the same instants as {@link InvoiceJob}: the rule's
 * {@code {class}} key must give it a lock of its own.
 */
public final class DigestJob implements Job {

  @Override
  public void execute(JobExecutionContext context) {
    QuartzFleetApp.ran("digest", context);
  }
}
