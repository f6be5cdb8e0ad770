package org.smtpeter.audit.control;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an edit changed, for an entry's detail: the fields of two views of the same thing (records
 * of one type, nested records walked into) that differ, as {@code trackClicks off} for a flag and
 * {@code url: https://a → https://b} for anything else.
 */
public final class Changes {

    private Changes() {
    }

    /**
     * @param ignored names of fields left out (e.g. one that has an action of its own)
     * @return the changes separated by commas; empty when nothing changed
     */
    public static String between(Record before, Record after, String... ignored) {
        if (before.getClass() != after.getClass()) {
            throw new IllegalArgumentException("two views of the same type are compared");
        }
        List<String> changes = new ArrayList<>();
        collect(before, after, Set.of(ignored), changes);
        return String.join(", ", changes);
    }

    private static void collect(Record before, Record after, Set<String> ignored, List<String> changes) {
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            if (ignored.contains(component.getName())) {
                continue;
            }
            Object old = value(component, before);
            Object now = value(component, after);
            if (old instanceof Record oldRecord && now instanceof Record newRecord) {
                collect(oldRecord, newRecord, ignored, changes);
            } else if (!Objects.equals(old, now)) {
                changes.add(now instanceof Boolean flag ? component.getName() + (flag ? " on" : " off")
                        : component.getName() + ": " + shown(old) + " → " + shown(now));
            }
        }
    }

    private static String shown(Object value) {
        return value == null || "".equals(value) ? "(none)" : value.toString();
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}
