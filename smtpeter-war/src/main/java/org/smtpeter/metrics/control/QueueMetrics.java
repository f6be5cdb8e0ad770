package org.smtpeter.metrics.control;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.health.control.BoundedProbe;

/**
 * The outbound queue's size by state: deliveries waiting for a first attempt, being sent, and
 * waiting for a retry. Finished deliveries are not counted here (that table only grows; the
 * attempt counters tell what happened to them). One grouped count over the state index, made at
 * most every {@link #MAX_AGE} however often the endpoint is scraped, and waited for at most
 * {@link #TIMEOUT}; when the database does not answer, the gauges say NaN rather than a stale number.
 */
@ApplicationScoped
@ManagedExecutorDefinition(name = QueueMetrics.EXECUTOR, maxAsync = 1)
public class QueueMetrics {

    static final String NAME = "smtpeter_queue_size";
    static final String EXECUTOR = "java:app/concurrent/QueueCount";
    static final List<DeliveryState> STATES = List.of(DeliveryState.QUEUED, DeliveryState.SENDING, DeliveryState.DEFERRED);
    static final Duration MAX_AGE = Duration.ofSeconds(5);
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(QueueMetrics.class.getName());

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    private CachedCounts counts;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // makes the container create this bean at start; @PostConstruct registers the gauges
    }

    @PostConstruct
    void register() {
        counts = new CachedCounts(new BoundedProbe<>(executor, this::count, TIMEOUT), MAX_AGE, System::nanoTime);
        Metadata metadata = Metadata.builder().withName(NAME)
                .withDescription("Deliveries in the outbound queue by state: queued (waiting for a first attempt), "
                        + "sending, deferred (waiting for a retry); NaN when the database does not answer")
                .withUnit(MetricUnits.NONE).build();
        for (DeliveryState state : STATES) {
            registry.gauge(metadata, counts, c -> c.get(state), new Tag("state", state.name().toLowerCase(Locale.ROOT)));
        }
    }

    private Map<DeliveryState, Long> count() {
        List<Object[]> rows = em.createQuery(
                        "SELECT d.state, COUNT(d) FROM Delivery d WHERE d.state IN :states GROUP BY d.state", Object[].class)
                .setParameter("states", STATES)
                .getResultList();
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        STATES.forEach(state -> counts.put(state, 0L));
        rows.forEach(row -> counts.put((DeliveryState) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** The last counts while they are fresh; a new count (bounded in time) when they are not. */
    static final class CachedCounts {

        private final BoundedProbe<Map<DeliveryState, Long>> probe;
        private final long maxAgeNanos;
        private final LongSupplier nanoTime;
        private Map<DeliveryState, Long> last;
        private boolean asked;
        private long askedAt;

        CachedCounts(BoundedProbe<Map<DeliveryState, Long>> probe, Duration maxAge, LongSupplier nanoTime) {
            this.probe = probe;
            this.maxAgeNanos = maxAge.toNanos();
            this.nanoTime = nanoTime;
        }

        /** The count of one state, or NaN when the database gave none. */
        synchronized double get(DeliveryState state) {
            if (!asked || nanoTime.getAsLong() - askedAt >= maxAgeNanos) {
                BoundedProbe.Outcome<Map<DeliveryState, Long>> outcome = probe.run();
                if (outcome instanceof BoundedProbe.Answered<Map<DeliveryState, Long>> answered) {
                    last = answered.value();
                } else {
                    LOG.log(Level.FINE, "cannot count the queue: {0}", outcome);
                    last = null;
                }
                asked = true;
                askedAt = nanoTime.getAsLong(); // after a failure too: a sick database is not asked at every scrape
            }
            Long count = last == null ? null : last.get(state);
            return count == null ? Double.NaN : count;
        }
    }
}
