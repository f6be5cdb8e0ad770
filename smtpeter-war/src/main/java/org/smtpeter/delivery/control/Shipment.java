package org.smtpeter.delivery.control;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.smtpeter.messages.control.MessageBytes;

/**
 * The parcels of one share and the stored bytes they refer to: large messages lie in files
 * until the share has been sent, and closing the shipment deletes them.
 */
public record Shipment(List<Parcel> parcels, Collection<MessageBytes> sources) implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Shipment.class.getName());

    public Shipment {
        parcels = List.copyOf(parcels);
        sources = List.copyOf(sources);
    }

    @Override
    public void close() {
        for (MessageBytes source : sources) {
            try {
                source.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot delete a spooled outgoing message", e);
            }
        }
    }
}
