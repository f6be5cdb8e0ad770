package org.smtpeter.delivery.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** At most {@code smtpeter.delivery.max-per-destination} connections to one next hop at a time. */
@ApplicationScoped
public class DestinationLimits {

    @Inject
    DeliverySettings settings;

    private final Map<String, Semaphore> destinations = new ConcurrentHashMap<>();

    public boolean tryAcquire(Hop hop) {
        return destinations.computeIfAbsent(hop.key(), key -> new Semaphore(settings.maxPerDestination())).tryAcquire();
    }

    public void release(Hop hop) {
        destinations.get(hop.key()).release();
    }
}
