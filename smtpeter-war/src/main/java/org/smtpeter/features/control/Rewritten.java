package org.smtpeter.features.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message after the HTML features ran.
 *
 * @param content the message to deliver: all of the input when nothing changed
 * @param changed whether any byte differs from the input
 * @param problem why a part, a feature or the whole message was left as it was, for the event log;
 *                several problems are joined with "; "
 */
public record Rewritten(Content content, boolean changed, Optional<String> problem) {

    public Rewritten {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(problem, "problem");
    }

    public static Rewritten unchanged(byte[] message) {
        return new Rewritten(Content.of(message), false, Optional.empty());
    }

    static Rewritten of(Content content, boolean changed, List<String> problems) {
        return new Rewritten(content, changed,
                problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)));
    }

    /** The same result with more problems reported before its own. */
    Rewritten withProblemsFirst(List<String> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(earlier);
        problem.ifPresent(all::add);
        return of(content, changed, all);
    }

    /** The whole message in one array: for tests and small messages. */
    public byte[] message() {
        return content.toBytes();
    }
}
