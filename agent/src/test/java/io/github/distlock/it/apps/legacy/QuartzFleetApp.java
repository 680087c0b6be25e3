package io.github.distlock.it.apps.legacy;

import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.listeners.JobListenerSupport;
import org.quartz.simpl.RAMJobStore;

/**
 * One replica of a Quartz fleet that knows nothing of distlock: its jobs implement {@link Job} and carry no
 * annotation. Every replica's in-memory scheduler fires every job at the same wall-clock ticks, from its first
 * whole tick; each run prints {@code RESULT <job>.<tick>=ran} and lasts 100 ms, as {@link LegacyFleetApp}'s do.
 * Arguments: the tick period in milliseconds and the tick to stop before (ticks count periods since the epoch).
 * Prints {@code DONE} once every job's last run has returned and the scheduler is down.
 */
public final class QuartzFleetApp {

  private static final String PERIOD = "periodMs";

  private QuartzFleetApp() {}

  public static void main(String[] args) throws Exception {
    long period = Long.parseLong(args[0]);
    long end = Long.parseLong(args[1]);
    Properties settings = new Properties();
    settings.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "quartz-fleet");
    settings.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, RAMJobStore.class.getName());
    // One worker per job: both jobs of a tick run at the same time, each needing its own lock.
    settings.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_PREFIX + ".threadCount", "2");
    Scheduler scheduler = new StdSchedulerFactory(settings).getScheduler();

    List<Class<? extends Job>> jobs = List.of(InvoiceJob.class, DigestJob.class);
    CountDownLatch lastRuns = new CountDownLatch(jobs.size());
    scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
      @Override
      public String getName() {
        return "last-runs";
      }

      @Override
      public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
        if (context.getNextFireTime() == null) {
          lastRuns.countDown();
        }
      }
    });

    long first = System.currentTimeMillis() / period + 1;
    for (Class<? extends Job> type : jobs) {
      JobDetail job = JobBuilder.newJob(type).withIdentity(type.getSimpleName()).usingJobData(PERIOD, period).build();
      // Fire times count from the start time, so every replica's trigger fires on the same epoch-aligned ticks.
      Trigger trigger = TriggerBuilder.newTrigger().withIdentity(type.getSimpleName()).startAt(new Date(first * period))
          .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(period)
              .withRepeatCount((int) (end - first - 1)))
          .build();
      scheduler.scheduleJob(job, trigger);
    }
    scheduler.start();
    if (!lastRuns.await((end - first) * period + TimeUnit.MINUTES.toMillis(1), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the jobs' last runs did not return");
    }
    // Quartz's worker threads are not daemons: the JVM exits only once the scheduler stops them.
    scheduler.shutdown(true);
    System.out.println("DONE");
  }

  /** Records a run of {@code job} at the tick Quartz scheduled it for, whenever it actually fired. */
  static void ran(String job, JobExecutionContext context) {
    long period = context.getMergedJobDataMap().getLong(PERIOD);
    LegacyFleetApp.ran(job, context.getScheduledFireTime().getTime() / period);
  }
}
