package org.smtpeter.smtp.adapter;

import java.io.Serializable;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.AdministeredObject;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import org.smtpeter.smtp.api.AdapterStatus;
import org.smtpeter.smtp.api.ListenerStates;
import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.api.StartupChecks;

/**
 * The administered object behind {@link AdapterStatus}: the container creates it at each lookup
 * and hands it the adapter instance it belongs to, so the application reaches that adapter's
 * state without a static field and whatever class loader it runs in.
 */
@AdministeredObject(adminObjectInterfaces = AdapterStatus.class)
public class AdapterStatusObject implements AdapterStatus, ResourceAdapterAssociation, Serializable {

    private static final long serialVersionUID = 1L;

    private transient SmtpResourceAdapter adapter;

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        if (!(resourceAdapter instanceof SmtpResourceAdapter smtp)) {
            throw new ResourceException("not the SMTP resource adapter: " + resourceAdapter);
        }
        this.adapter = smtp;
    }

    @Override
    public ListenerStates listenerStates() {
        return associated().listenerStates();
    }

    @Override
    public StartupChecks startupChecks() {
        return associated().startupChecks();
    }

    @Override
    public SmtpStatistics statistics() {
        return associated().statistics();
    }

    private SmtpResourceAdapter associated() {
        if (adapter == null) {
            throw new IllegalStateException("the container has not associated this object with the SMTP adapter");
        }
        return adapter;
    }
}
