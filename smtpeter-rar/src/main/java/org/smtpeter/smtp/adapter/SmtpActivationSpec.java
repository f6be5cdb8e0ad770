package org.smtpeter.smtp.adapter;

import java.util.Arrays;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.api.ListenerRole;

/**
 * Activation of one SMTP listener by a message-driven bean. The MDB names only its role;
 * ports, TLS and limits come from configuration ({@code smtpeter.<role>.port} and friends),
 * so the same war runs unchanged on Payara Micro and in an EAR on a full server.
 */
@Activation(messageListeners = SmtpListener.class)
public class SmtpActivationSpec implements ActivationSpec {

    @ConfigProperty(defaultValue = "submission",
            description = "Which listener this endpoint serves: submission, smtps or mta")
    private String role = "submission";

    private ResourceAdapter resourceAdapter;

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    ListenerRole listenerRole() {
        return ListenerRole.fromKey(role);
    }

    @Override
    public void validate() throws InvalidPropertyException {
        try {
            listenerRole();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidPropertyException("role must be one of "
                    + Arrays.toString(Arrays.stream(ListenerRole.values()).map(ListenerRole::key).toArray()) + ": " + role);
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public String toString() {
        return "SmtpActivationSpec[role=" + role + "]";
    }
}
