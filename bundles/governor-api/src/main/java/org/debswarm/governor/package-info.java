/**
 * The HTTP connection governor: the one way a Debswarm bundle gets bytes from a mirror.
 * <p>
 * Every download from a Debian mirror (index files, {@code .deb} files, piece fallback) goes
 * through the {@link org.debswarm.governor.HttpGovernor} service, which enforces per-host and
 * total connection limits with a fair queue, connect/idle/whole-request deadlines, retries with
 * backoff, failover within mirror groups, and keeps the counters the Web Console shows.
 * No other bundle holds an HTTP client for mirrors; see {@code docs/governor.md}.
 * <p>
 * HTTP semantics follow <a href="https://www.rfc-editor.org/rfc/rfc9110">RFC 9110</a>:
 * conditional requests (section 13), range requests (section 14), status codes (section 15).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.debswarm.governor;
