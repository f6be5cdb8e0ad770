/**
 * Persistent state of the REST API: the one row with the hash of the generated admin token.
 */
package org.smtpeter.rest.entity;
