package io.github.distlock.agent.core.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who may read the dashboard: anyone who can reach a loopback address, or, when the dashboard listens elsewhere,
 * whoever presents its token, as {@code Authorization: Bearer <token>} or in the cookie that opening
 * {@code /?token=<token>} once sets. The token is compared in constant time and never written into a page.
 */
final class DashboardAccess {

  static final String COOKIE = "distlock_dashboard";

  private final byte[] token;

  /** @param token the token, or {@code null} when the dashboard listens on loopback only */
  DashboardAccess(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  boolean needsToken() {
    return token != null;
  }

  /** Whether the request may be answered. */
  boolean allows(HttpExchange exchange) {
    if (token == null) {
      return true;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null && authorization.startsWith("Bearer ") && matches(authorization.substring(7))) {
      return true;
    }
    List<String> cookies = exchange.getRequestHeaders().get("Cookie");
    if (cookies != null) {
      for (String header : cookies) {
        for (String cookie : header.split(";")) {
          String trimmed = cookie.trim();
          if (trimmed.startsWith(COOKIE + "=") && matches(trimmed.substring(COOKIE.length() + 1))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether {@code query} ({@code token=...}) carries the token, to be exchanged for the cookie. */
  boolean grantedBy(String query) {
    if (token == null || query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("token=") && matches(decode(pair.substring(6)))) {
        return true;
      }
    }
    return false;
  }

  /** The cookie that lets a browser in once it has shown the token. */
  String cookie() {
    return COOKIE + "=" + new String(token, StandardCharsets.UTF_8) + "; Path=/; HttpOnly; SameSite=Strict";
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, "UTF-8");
    } catch (UnsupportedEncodingException | IllegalArgumentException e) {
      return "";
    }
  }

  private boolean matches(String presented) {
    return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }
}
