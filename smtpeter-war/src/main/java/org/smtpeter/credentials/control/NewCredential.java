package org.smtpeter.credentials.control;

import org.smtpeter.credentials.entity.SmtpCredential;

/** A credential just created, with the one and only copy of its password in clear. */
public record NewCredential(SmtpCredential credential, String password) {
}
