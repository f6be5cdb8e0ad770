/**
 * Several relays on one database: each running process registers as an instance with a
 * heartbeat, the deliveries it claims carry its id, and the live instances put back the claims of
 * instances whose heartbeat stopped (see docs/several-relays.md).
 */
package org.smtpeter.instances.control;
