package org.smtpeter.inlining.control;

import java.util.Locale;

/**
 * One {@code property: value} pair, or a raw piece of a style attribute we could not read
 * (property {@code null}), which is written back untouched.
 */
record Declaration(String property, String value, boolean important) {

    static Declaration of(String property, String value, boolean important) {
        // Custom properties (--x) are case-sensitive; all others are ASCII case-insensitive.
        String name = property.strip();
        return new Declaration(name.startsWith("--") ? name : name.toLowerCase(Locale.ROOT), value.strip(), important);
    }

    static Declaration raw(String text) {
        return new Declaration(null, text.strip(), false);
    }

    boolean isRaw() {
        return property == null;
    }

    Declaration withoutImportant() {
        return important ? new Declaration(property, value, false) : this;
    }

    String write() {
        if (isRaw()) {
            return value + ";";
        }
        return property + ": " + value + (important ? " !important" : "") + ";";
    }
}
