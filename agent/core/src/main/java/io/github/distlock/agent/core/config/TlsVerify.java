package io.github.distlock.agent.core.config;

/** How much of the server's certificate a TLS connection checks. */
public enum TlsVerify {
  /** The chain up to a trusted CA, and that the certificate names the host connected to: the default. */
  FULL,
  /** The chain only: any certificate the CA signed is accepted, whatever host it names. */
  CA,
  /** Nothing: anyone on the path can pose as Redis. Warned about at start-up. */
  NONE
}
