/**
 * Persistence pieces shared by every entity: the converter that stores each {@code Instant} as a
 * UTC timestamp.
 */
package org.smtpeter.platform.entity;
