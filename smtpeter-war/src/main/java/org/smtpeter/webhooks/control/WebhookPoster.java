package org.smtpeter.webhooks.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends one signed event: a POST of the JSON body with the Standard Webhooks headers, to an
 * address checked just before, without following redirects, within the timeout. The answer's body
 * is not read: only the status counts.
 */
@ApplicationScoped
public class WebhookPoster {

    static final String USER_AGENT = "SMTPeter-Relay-Webhooks/1";

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookTargets targets;

    @Inject
    Clock clock;

    private HttpClient http;

    /** How a request went: a status (null when there was none), how long it took, what went wrong. */
    public record Outcome(Integer code, long millis, String error) {

        public boolean succeeded() {
            return code != null && code >= 200 && code < 300;
        }

        /** For the notice when an endpoint is disabled. */
        public String describe() {
            return error != null ? error : "HTTP " + code;
        }
    }

    @PostConstruct
    void build() {
        http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Every receiver speaks HTTP/1.1; an h2c upgrade on plain http confuses some.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Outcome post(WebhookOutbox.Attempt attempt) {
        long start = System.nanoTime();
        try {
            URI uri = WebhookTargets.parse(attempt.url());
            targets.addresses(uri);
            long timestamp = Instant.now(clock).getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("webhook-id", attempt.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(attempt.secret(), attempt.eventId(), timestamp,
                            attempt.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(attempt.body()))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // Closing unread ends the exchange: a receiver cannot hold the sender with an endless body.
            response.body().close();
            String redirect = response.statusCode() / 100 == 3 ? "redirects are not followed" : null;
            return new Outcome(response.statusCode(), millisSince(start), redirect);
        } catch (WebhookTargets.RefusedTarget refused) {
            return new Outcome(null, millisSince(start), "not sent: " + refused.getMessage());
        } catch (HttpTimeoutException timeout) {
            return new Outcome(null, millisSince(start), "no answer within " + settings.timeout());
        } catch (IOException e) {
            return new Outcome(null, millisSince(start), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, millisSince(start), "interrupted: the relay is stopping");
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
