package io.github.distlock.bench.apps;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The smallest Spring Boot application with one scheduled job, locked by {@code @DistributedLock}: the harness
 * times it from launch until its context has refreshed ({@code -Dspring.context.exit=onRefresh}), with and without
 * the agent.
 */
@SpringBootApplication
@EnableScheduling
public class PlainApp {

  public static void main(String[] args) {
    SpringApplication.run(PlainApp.class, args);
  }
}
