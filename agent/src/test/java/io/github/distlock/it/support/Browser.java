package io.github.distlock.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through its chromium-driver, for tests of what a person sees on a page. Both
 * must be installed ({@code .ci/run} installs them); a missing browser fails the test, it never skips it.
 */
public final class Browser implements AutoCloseable {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Browser open() throws IOException {
    if (!CHROMIUM.canExecute() || !DRIVER.canExecute()) {
      throw new AssertionError("this test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + DRIVER
          + "): apt-get install chromium chromium-driver, as .ci/run does");
    }
    Path profile = Files.createTempDirectory("distlock-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // The machine's network is closed: without these, Chromium keeps trying to reach Google's services.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,1100", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
        .usingAnyFreePort().build();
    return new Browser(new ChromeDriver(service, options), profile);
  }

  public void open(String url) {
    driver.get(url);
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public String pageSource() {
    return driver.getPageSource();
  }

  /** Saves what the browser shows now as a PNG. */
  public void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    driver.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // A temporary profile left behind.
    }
  }
}
