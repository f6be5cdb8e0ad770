package org.smtpeter.intake.boundary;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.smtpeter.smtp.api.SmtpListener;

/** Message submission with STARTTLS (587 and 2525 in production). */
@MessageDriven(messageListenerInterface = SmtpListener.class, activationConfig = {
        // The adapter's module name differs between Payara Micro and an EAR, so it comes from the server.
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "${MPCONFIG=smtpeter.ra.mid}"),
        @ActivationConfigProperty(propertyName = "role", propertyValue = "submission")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SubmissionReceiver extends SmtpReceiver implements SmtpListener {
}
