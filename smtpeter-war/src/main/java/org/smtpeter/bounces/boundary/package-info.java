/**
 * Boundary of the bounce path: the REST resources that show what came back for an account's
 * mail (the bounces, failures, responses and abuses logs) and the lists kept because of it.
 */
package org.smtpeter.bounces.boundary;
