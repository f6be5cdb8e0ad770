package org.smtpeter.messages.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One RCPT TO of a message, with the RFC 3461 parameters the client gave for it. */
@Embeddable
public class EnvelopeRecipient {

    @Column(nullable = false, length = 320)
    private String address;

    @Column(name = "notify_conditions", length = 40)
    private String notifyConditions;

    @Column(name = "original_recipient", length = 520)
    private String originalRecipient;

    protected EnvelopeRecipient() {
    }

    public EnvelopeRecipient(String address, String notifyConditions, String originalRecipient) {
        this.address = address;
        this.notifyConditions = notifyConditions;
        this.originalRecipient = originalRecipient;
    }

    public String getAddress() {
        return address;
    }

    public String getNotifyConditions() {
        return notifyConditions;
    }

    public String getOriginalRecipient() {
        return originalRecipient;
    }
}
