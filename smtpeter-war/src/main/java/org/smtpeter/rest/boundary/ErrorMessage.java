package org.smtpeter.rest.boundary;

/** The JSON body of every API error. */
public record ErrorMessage(int status, String error) {
}
