/**
 * Boundary of delivery: the REST resources for the deliveries (one per recipient, with retry and
 * cancel) and the attempts log.
 */
package org.smtpeter.delivery.boundary;
