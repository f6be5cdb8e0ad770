package org.smtpeter.tracking.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.platform.control.ClientAddresses;
import org.smtpeter.platform.control.WindowCounts;

/**
 * Tells a first fetch of a tracking link from a repeat: the same link or pixel fetched again by
 * the same client (IPv4 address, IPv6 /64) within {@code smtpeter.tracking.repeat-window-seconds}
 * of the fetch that was counted. Repeats are answered as usual but not recorded, so a flood of
 * one link costs no rows; other clients, and the same client after the window, count again.
 * A person and a machine ({@link MachineFetches}) behind one address are two clients: a scanner
 * that fetched the link first must not hide the person's click.
 *
 * <p>At most {@code smtpeter.tracking.repeat-memory} link-and-client pairs are remembered, each
 * as a 128-bit digest (about 150 bytes with the map's own overhead); past that the oldest are
 * forgotten, which at worst counts a repeat once more. Each relay instance remembers its own.
 */
@ApplicationScoped
public class RepeatedFetches {

    @Inject
    MachineFetches machines;

    @Inject
    @ConfigProperty(name = "smtpeter.tracking.repeat-window-seconds", defaultValue = "60")
    int windowSeconds;

    @Inject
    @ConfigProperty(name = "smtpeter.tracking.repeat-memory", defaultValue = "100000")
    int memory;

    private WindowCounts<String> counted;

    /** For CDI; the settings come from MicroProfile Config. */
    public RepeatedFetches() {
    }

    /** For tests. */
    RepeatedFetches(int windowSeconds, int memory, Clock clock) {
        this.windowSeconds = windowSeconds;
        this.memory = memory;
        this.machines = new MachineFetches();
        start(clock);
    }

    @Inject
    Clock systemClock;

    @PostConstruct
    void start() {
        start(systemClock);
    }

    private void start(Clock clock) {
        if (windowSeconds < 0) {
            throw new IllegalArgumentException("smtpeter.tracking.repeat-window-seconds must be 0 (count every fetch)"
                    + " or more, not " + windowSeconds);
        }
        if (memory < 1) {
            throw new IllegalArgumentException("smtpeter.tracking.repeat-memory must be at least 1, not " + memory);
        }
        counted = windowSeconds == 0 ? null : new WindowCounts<>(Duration.ofSeconds(windowSeconds), memory, clock);
    }

    /**
     * @param clientAddress the fetching client's address as the container reports it
     * @param userAgent     the User-Agent header, may be null
     * @return true for the first fetch of this link by this client in the window, which is to be recorded
     */
    public boolean isFirst(TrackedLink link, String clientAddress, String userAgent) {
        if (counted == null) {
            return true;
        }
        String client = ClientAddresses.group(clientAddress) + (machines.isMachine(clientAddress, userAgent) ? " machine" : "");
        return counted.tryCount(key(link, client), 1);
    }

    private static String key(TrackedLink link, String client) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // Each part ends in a NUL, which none of them can contain, so no two links share a spelling.
            for (String part : new String[] {link.kind().name(), link.messageId(), link.recipient(),
                    String.valueOf(link.position()), client}) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HexFormat.of().formatHex(Arrays.copyOf(sha256.digest(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
