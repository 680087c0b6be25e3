module com.acme.jobs {
  requires io.github.distlock;
}
