/**
 * Readiness of a Debswarm node: whether apt can be served now. The apt port answers 503 with
 * {@code Retry-After} until then (never 404), and {@code /health} on the console port reports it as JSON for
 * systemd, {@code debswarm status} and monitoring. See {@code docs/packaging.md}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.debswarm.health;
