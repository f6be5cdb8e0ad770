package org.smtpeter.users.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.platform.control.ClientAddresses;
import org.smtpeter.platform.control.WindowCounts;

/**
 * Limits dashboard logins that fail, per user name and per client address (IPv4 address, IPv6
 * /64), in windows that open with the first failure. Every attempt is counted as a failure
 * before the password is hashed, and given back when it succeeds, so parallel tries cannot get
 * past the limit; an attempt that is refused is not counted, so hammering a locked user name does
 * not keep it locked. Counts live in this instance's memory (at most {@link #MEMORY} user names
 * and as many addresses; past that the oldest windows are forgotten).
 */
@ApplicationScoped
public class LoginThrottle {

    static final int MEMORY = 10_000;
    /** Longer names are cut for counting, so that memory stays bounded whatever is typed. */
    private static final int LONGEST_NAME = 200;

    @Inject
    @ConfigProperty(name = "smtpeter.dashboard.login.max-failures", defaultValue = "5")
    int maxPerUser;

    @Inject
    @ConfigProperty(name = "smtpeter.dashboard.login.max-failures-per-address", defaultValue = "20")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "smtpeter.dashboard.login.failure-window-seconds", defaultValue = "900")
    int windowSeconds;

    private Clock clock;
    private WindowCounts<String> byUser;
    private WindowCounts<String> byAddress;

    /** An attempt that may go ahead (then report whether it succeeded), or one refused until {@code retryAt}. */
    public record Attempt(String user, String address, Instant retryAt) {

        public boolean refused() {
            return retryAt != null;
        }
    }

    /** For CDI; the settings come from MicroProfile Config. */
    public LoginThrottle() {
    }

    /** For tests. */
    LoginThrottle(int maxPerUser, int maxPerAddress, int windowSeconds, Clock clock) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.windowSeconds = windowSeconds;
        start(clock);
    }

    @Inject
    Clock systemClock;

    @PostConstruct
    void start() {
        start(systemClock);
    }

    private void start(Clock clock) {
        require(maxPerUser, "smtpeter.dashboard.login.max-failures");
        require(maxPerAddress, "smtpeter.dashboard.login.max-failures-per-address");
        require(windowSeconds, "smtpeter.dashboard.login.failure-window-seconds");
        this.clock = clock;
        byUser = new WindowCounts<>(Duration.ofSeconds(windowSeconds), MEMORY, clock);
        byAddress = new WindowCounts<>(Duration.ofSeconds(windowSeconds), MEMORY, clock);
    }

    private static void require(int value, String setting) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, not " + value);
        }
    }

    /** Call before the password is checked; a refused attempt must not be checked at all. */
    public Attempt begin(String username, String clientAddress) {
        String user = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        String name = user.substring(0, Math.min(user.length(), LONGEST_NAME));
        String address = ClientAddresses.group(clientAddress);
        if (!byUser.tryCount(name, maxPerUser)) {
            return new Attempt(name, address, byUser.windowEnd(name).orElse(clock.instant()));
        }
        if (!byAddress.tryCount(address, maxPerAddress)) {
            byUser.uncount(name);
            return new Attempt(name, address, byAddress.windowEnd(address).orElse(clock.instant()));
        }
        return new Attempt(name, address, null);
    }

    /** The password was right: the attempt was no failure after all. */
    public void succeeded(Attempt attempt) {
        if (!attempt.refused()) {
            byUser.uncount(attempt.user());
            byAddress.uncount(attempt.address());
        }
    }

    /** Whole minutes until a refused attempt may be tried again, at least 1. */
    public long minutesToWait(Attempt attempt) {
        long seconds = Duration.between(clock.instant(), attempt.retryAt()).toSeconds();
        return Math.max(1, (seconds + 59) / 60);
    }
}
