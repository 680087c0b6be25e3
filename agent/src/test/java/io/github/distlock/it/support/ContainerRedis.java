package io.github.distlock.it.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a Docker container, for machines with Docker but no {@code redis-server} binary. The host port is fixed
 * when the container is created, so it stays the same across docker stop and start.
 */
final class ContainerRedis extends RedisBackend {

  private static final DockerImageName IMAGE = DockerImageName.parse("redis:7-alpine");
  private static final int REDIS_PORT = 6379;

  private final GenericContainer<?> container;
  private final int hostPort;

  private ContainerRedis(GenericContainer<?> container, int hostPort) {
    this.container = container;
    this.hostPort = hostPort;
  }

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  static ContainerRedis start(String password, Persistence persistence) {
    List<String> command = new ArrayList<>(List.of("redis-server"));
    command.addAll(persistence.serverArgs());
    if (password != null) {
      command.add("--requirepass");
      command.add(password);
    }
    int hostPort = freePort();
    GenericContainer<?> container =
        new GenericContainer<>(IMAGE).withExposedPorts(REDIS_PORT).withCommand(command.toArray(new String[0]));
    container.setPortBindings(List.of(hostPort + ":" + REDIS_PORT));
    container.start();
    ContainerRedis redis = new ContainerRedis(container, hostPort);
    try {
      redis.awaitPing();
    } catch (AssertionError e) {
      container.stop();
      throw e;
    }
    return redis;
  }

  @Override
  String host() {
    return container.getHost();
  }

  @Override
  int port() {
    return hostPort;
  }

  @Override
  void start() {
    docker().startContainerCmd(container.getContainerId()).exec();
    awaitPing();
  }

  @Override
  void stop() {
    if (isPaused()) {
      resume();
    }
    docker().stopContainerCmd(container.getContainerId()).withTimeout((int) STOP_TIMEOUT.toSeconds()).exec();
    awaitPortClosed();
  }

  @Override
  void pause() {
    docker().pauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  void resume() {
    docker().unpauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  boolean isPaused() {
    return Boolean.TRUE.equals(state().getPaused());
  }

  @Override
  boolean isRunning() {
    InspectContainerResponse.ContainerState state = state();
    return Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getPaused());
  }

  @Override
  synchronized void destroy() {
    // Older Docker engines refuse to remove a paused container.
    if (container.getContainerId() != null && isPaused()) {
      resume();
    }
    container.stop();
  }

  private void awaitPing() {
    Await.until("Redis container on port " + hostPort + " to answer PING", START_TIMEOUT, this::answersPing);
  }

  private InspectContainerResponse.ContainerState state() {
    return docker().inspectContainerCmd(container.getContainerId()).exec().getState();
  }

  private DockerClient docker() {
    return container.getDockerClient();
  }
}
