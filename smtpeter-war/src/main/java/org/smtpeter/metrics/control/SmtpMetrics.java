package org.smtpeter.metrics.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.smtpeter.smtp.api.AdapterStatus;
import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.api.SmtpStatistics.Count;
import org.smtpeter.smtp.api.SmtpStatistics.Stage;

/**
 * The SMTP listeners' metrics, read from the resource adapter's {@link SmtpStatistics} (reached
 * through its administered object, {@link AdapterStatus}) when scraped; the acceptance time arrives from the adapter as it happens and goes into a timer.
 * The observer is removed when the application stops: the adapter outlives it.
 */
@ApplicationScoped
public class SmtpMetrics {

    static final String ACCEPTANCE = "smtpeter_smtp_acceptance";

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    AdapterStatus adapter;

    private SmtpStatistics statistics;

    private final Map<String, Timer> acceptanceTimers = new ConcurrentHashMap<>();
    private final SmtpStatistics.AcceptanceObserver observer = this::accepted;

    /** Registers at start, so every metric is there (at zero) before the first scrape. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer method makes the container create this bean at start; @PostConstruct does the work
    }

    @PostConstruct
    void register() {
        statistics = adapter.statistics();
        for (String role : SmtpStatistics.ROLES) {
            Tag roleTag = new Tag("role", role);
            count("smtpeter_smtp_connections_total", "TCP connections accepted, including those refused at once",
                    role, Count.CONNECTIONS, roleTag);
            count("smtpeter_smtp_connections_refused_total",
                    "Connections answered 421 at once (connection limit reached, or no worker thread)",
                    role, Count.CONNECTIONS_REFUSED, roleTag);
            registry.gauge(metadata("smtpeter_smtp_connections_open", "SMTP connections open now"),
                    statistics, s -> s.openConnections(role), roleTag);
            count("smtpeter_smtp_sessions_total", "SMTP sessions: clients that got the 220 greeting",
                    role, Count.SESSIONS, roleTag);
            String auth = "AUTH attempts by result: success (235), failure (535, wrong user name or password), "
                    + "throttled (421, too many failures from the address)";
            count("smtpeter_smtp_auth_total", auth, role, Count.AUTH_SUCCEEDED, roleTag, new Tag("result", "success"));
            count("smtpeter_smtp_auth_total", auth, role, Count.AUTH_FAILED, roleTag, new Tag("result", "failure"));
            count("smtpeter_smtp_auth_total", auth, role, Count.AUTH_THROTTLED, roleTag, new Tag("result", "throttled"));
            count("smtpeter_smtp_messages_accepted_total", "Messages answered 2xx at the end of the data",
                    role, Count.MESSAGES_ACCEPTED, roleTag);
            for (Stage stage : Stage.values()) {
                for (int replyClass : new int[] {4, 5}) {
                    registry.gauge(metadata("smtpeter_smtp_rejections_total",
                                    "4xx and 5xx replies to MAIL, RCPT, DATA and the end of the data"),
                            statistics, s -> s.rejections(role, stage, replyClass),
                            roleTag, new Tag("stage", stage.key()), new Tag("class", replyClass + "xx"));
                }
            }
            acceptanceTimers.put(role, registry.timer(Metadata.builder().withName(ACCEPTANCE)
                    .withDescription("Time from the end of a message's data to the 2xx reply (storing it durably)")
                    .withUnit(MetricUnits.SECONDS).build(), roleTag));
        }
        statistics.addObserver(observer);
    }

    @PreDestroy
    void unregister() {
        statistics.removeObserver(observer);
    }

    private void accepted(String role, long nanos) {
        Timer timer = acceptanceTimers.get(role);
        if (timer != null) {
            timer.update(Duration.ofNanos(nanos));
        }
    }

    private void count(String name, String description, String role, Count what, Tag... tags) {
        registry.gauge(metadata(name, description), statistics, s -> s.count(role, what), tags);
    }

    private static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build();
    }
}
