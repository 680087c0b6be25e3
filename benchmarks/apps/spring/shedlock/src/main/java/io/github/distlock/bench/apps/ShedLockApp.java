package io.github.distlock.bench.apps;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The same application as the agent's, locked the way a Spring application does without distlock: ShedLock's
 * Redis provider over the Lettuce connection factory that Spring Boot configures from {@code spring.data.redis.*}.
 */
@SpringBootApplication
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "30s")
public class ShedLockApp {

  public static void main(String[] args) {
    SpringApplication.run(ShedLockApp.class, args);
  }

  @Bean
  LockProvider lockProvider(RedisConnectionFactory connectionFactory) {
    return new RedisLockProvider(connectionFactory, "bench");
  }
}
