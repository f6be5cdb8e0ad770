package org.smtpeter.messages.control;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code tag} filter of the message log, the event logs and the statistics: mail whose message
 * has <em>any</em> of the tags (a campaign's mail is often tagged "spring" or "spring-reminder",
 * and one asks for both). Tags match exactly, case and all, as the sender wrote them. The values
 * may repeat the parameter ({@code ?tag=a&tag=b}) or list tags with commas ({@code ?tag=a,b}, as
 * the dashboard's field does); commas never occur inside a tag ({@code x-smtpeter-tags} is split at them).
 *
 * @param tags the tags, without duplicates; empty means no condition
 */
public record TagFilter(Set<String> tags) {

    /** Enough for any real slice; keeps the query's IN list short. */
    public static final int MAX_TAGS = 20;

    private static final TagFilter NONE = new TagFilter(Set.of());

    public TagFilter {
        tags = Set.copyOf(tags);
    }

    /** @throws IllegalArgumentException for more than {@link #MAX_TAGS} tags */
    public static TagFilter of(Collection<String> values) {
        if (values == null) {
            return NONE;
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null) {
                for (String tag : value.split(",")) {
                    if (!tag.isBlank()) {
                        tags.add(tag.strip());
                    }
                }
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("at most " + MAX_TAGS + " tags can be asked for at once");
        }
        return new TagFilter(tags);
    }

    public static TagFilter none() {
        return NONE;
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    /** The tags sorted, for repeatable output (series per tag, echoing the filter). */
    public List<String> sorted() {
        return tags.stream().sorted().toList();
    }

    /**
     * A JPQL condition that the message {@code message} (an entity path such as {@code m} or
     * {@code d.message}) has one of the tags; its parameter is {@code :tags}, bound to {@link #tags()}.
     */
    public static String onMessage(String message) {
        return "EXISTS (SELECT tm.id FROM Message tm JOIN tm.searchableTags tt WHERE tm = " + message
                + " AND tt IN :tags)";
    }

    /** The same condition for records that name their message by its public id (clicks, opens, bounces). */
    public static String onPublicId(String publicId) {
        return "EXISTS (SELECT tm.id FROM Message tm JOIN tm.searchableTags tt WHERE tm.publicId = " + publicId
                + " AND tt IN :tags)";
    }
}
