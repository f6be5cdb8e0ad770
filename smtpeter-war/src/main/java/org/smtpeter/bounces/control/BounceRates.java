package org.smtpeter.bounces.control;

import java.util.function.LongSupplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How often a bounce address, and a client address, may write to the bounce path: messages
 * accepted (counted at RCPT, so parallel connections cannot all slip through before the first
 * one commits) and messages forwarded to the customer. Kept in memory per relay instance, as
 * Postfix's anvil keeps its client rates; a restart starts every count from zero.
 */
@ApplicationScoped
public class BounceRates {

    @Inject
    BounceSettings settings;

    private LongSupplier clock = System::currentTimeMillis;
    private SlidingWindow intakePerAddress;
    private SlidingWindow intakePerClient;
    private SlidingWindow forwardsPerAddress;
    private SlidingWindow forwardsPerClient;

    /** For CDI. */
    public BounceRates() {
    }

    /** @param clock milliseconds since the epoch */
    BounceRates(BounceSettings.Limits limits, LongSupplier clock) {
        this.clock = clock;
        use(limits);
    }

    @PostConstruct
    void start() {
        use(settings.limits());
    }

    private void use(BounceSettings.Limits limits) {
        intakePerAddress = new SlidingWindow(limits.perAddress(), limits.rateWindow());
        intakePerClient = new SlidingWindow(limits.perClient(), limits.rateWindow());
        forwardsPerAddress = new SlidingWindow(limits.forwardsPerAddress(), limits.rateWindow());
        forwardsPerClient = new SlidingWindow(limits.forwardsPerClient(), limits.rateWindow());
    }

    /** What a refused attempt ran into. */
    public enum Verdict { ALLOWED, ADDRESS_OVER_LIMIT, CLIENT_OVER_LIMIT }

    /** One more message for the bounce address with {@code token} from {@code client}; counted when allowed. */
    public synchronized Verdict accept(String token, String client) {
        return take(intakePerAddress, intakePerClient, token, client);
    }

    /** One more forward of what came to {@code token} from {@code client}; counted when allowed. */
    public synchronized Verdict forward(String token, String client) {
        return take(forwardsPerAddress, forwardsPerClient, token, client);
    }

    private Verdict take(SlidingWindow perAddress, SlidingWindow perClient, String token, String client) {
        long now = clock.getAsLong();
        if (!perClient.allows(client, now)) {
            return Verdict.CLIENT_OVER_LIMIT;
        }
        if (!perAddress.allows(token, now)) {
            return Verdict.ADDRESS_OVER_LIMIT;
        }
        perClient.count(client, now);
        perAddress.count(token, now);
        return Verdict.ALLOWED;
    }
}
