package io.github.distlock.it.apps.legacy;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** A Quartz job of {@link QuartzFleetApp}, locked only by a rule on {@code org.quartz.Job#execute}. */
public final class InvoiceJob implements Job {

  @Override
  public void execute(JobExecutionContext context) {
    QuartzFleetApp.ran("invoice", context);
  }
}
