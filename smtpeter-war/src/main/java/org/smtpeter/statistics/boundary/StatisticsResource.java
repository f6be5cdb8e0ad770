package org.smtpeter.statistics.boundary;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.messages.boundary.TagParameters;
import org.smtpeter.messages.control.TagFilter;
import org.smtpeter.platform.boundary.Caller;
import org.smtpeter.platform.boundary.Instants;
import org.smtpeter.statistics.control.Granularity;
import org.smtpeter.statistics.control.Statistics;
import org.smtpeter.statistics.control.StatisticsRow;
import org.smtpeter.statistics.control.TooManyTagsException;

/** Counts per hour or day, for charts and reports. */
@Path("statistics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "statistics", description = "Accepted, delivered, deferred, bounced, opened and clicked per hour or day")
public class StatisticsResource {

    @Inject
    Clock clock;

    @Inject
    Statistics statistics;

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    /**
     * The series with what it covers; {@code buckets} has every bucket of the range, empty ones too,
     * for all the selected mail (each message once); {@code byTag}, only with {@code groupBy=tag},
     * the same buckets for each tag on its own.
     */
    public record Series(String granularity, Instant from, Instant to, Long account, Long credential,
                         List<String> tags, String groupBy, List<StatisticsRow> buckets, List<TagSeries> byTag) {
    }

    /** One tag's buckets. */
    public record TagSeries(String tag, List<StatisticsRow> buckets) {
    }

    @GET
    @Operation(summary = "Counts per UTC hour or day",
            description = "from is rounded down to its bucket and to is exclusive; without them the last 24 hours "
                    + "(hour) or 30 days (day). An account token sees its own account only. tag (repeated, or "
                    + "comma-separated) counts only mail whose message has any of the tags. groupBy=tag adds byTag: "
                    + "the buckets of each tag on its own (of the tags asked for, or of every tag in the range, "
                    + "at most " + Statistics.MAX_TAG_SERIES + "); a message with two tags counts in both.")
    public Series series(@QueryParam("granularity") @DefaultValue("hour") String granularity,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("account") Long account, @QueryParam("credential") Long credential,
                         @QueryParam("tag") List<String> tag, @QueryParam("groupBy") String groupBy) {
        Granularity unit = granularity(granularity);
        Instant end = Instants.parse("to", to);
        end = end == null ? unit.next(unit.bucketOf(Instant.now(clock))) : end;
        Instant start = Instants.parse("from", from);
        start = start == null ? end.minus(unit == Granularity.HOUR ? Duration.ofHours(24) : Duration.ofDays(30)) : start;
        if (!start.isBefore(end)) {
            throw new BadRequestException("from must be before to");
        }
        if (Duration.between(unit.bucketOf(start), end).dividedBy(unit == Granularity.HOUR
                ? Duration.ofHours(1) : Duration.ofDays(1)) >= Statistics.MAX_BUCKETS) {
            throw new BadRequestException("the range has more than " + Statistics.MAX_BUCKETS
                    + " buckets; choose a shorter range or granularity=day");
        }
        Long scope = caller.scope(account);
        checkCredential(credential, scope);
        TagFilter tags = TagParameters.parse(tag);
        boolean byTag = byTag(groupBy);
        List<TagSeries> perTag = null;
        if (byTag) {
            try {
                perTag = statistics.seriesByTag(scope, credential, tags, unit, start, end).entrySet().stream()
                        .map(series -> new TagSeries(series.getKey(), series.getValue())).toList();
            } catch (TooManyTagsException e) {
                throw new BadRequestException(e.getMessage() + " with tag=");
            }
        }
        return new Series(unit.name().toLowerCase(Locale.ROOT), unit.bucketOf(start), end, scope, credential,
                tags.sorted(), byTag ? "tag" : null, statistics.series(scope, credential, tags, unit, start, end),
                perTag);
    }

    private static boolean byTag(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return false;
        }
        if (!groupBy.strip().equalsIgnoreCase("tag")) {
            throw new BadRequestException("groupBy must be tag");
        }
        return true;
    }

    /** A credential the caller cannot see is 404, like every other thing of another account. */
    private void checkCredential(Long credential, Long scope) {
        if (credential != null && accounts.credential(credential)
                .filter(c -> scope == null || c.getAccount().getId().equals(scope)).isEmpty()) {
            throw new NotFoundException("No credential " + credential);
        }
    }

    private static Granularity granularity(String value) {
        try {
            return Granularity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("granularity must be hour or day");
        }
    }
}
