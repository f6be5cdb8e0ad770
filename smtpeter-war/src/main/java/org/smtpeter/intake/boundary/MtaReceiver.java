package org.smtpeter.intake.boundary;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.smtpeter.smtp.api.SmtpListener;

/**
 * The port-25 role: STARTTLS offered; mail for the relay's bounce addresses without AUTH (as
 * {@code RelayPolicy} allows), every other recipient only with AUTH, as on submission.
 */
@MessageDriven(messageListenerInterface = SmtpListener.class, activationConfig = {
        // The adapter's module name differs between Payara Micro and an EAR, so it comes from the server.
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "${MPCONFIG=smtpeter.ra.mid}"),
        @ActivationConfigProperty(propertyName = "role", propertyValue = "mta")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MtaReceiver extends SmtpReceiver implements SmtpListener {
}
