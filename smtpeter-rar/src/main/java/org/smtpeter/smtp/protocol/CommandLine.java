package org.smtpeter.smtp.protocol;

import java.util.Locale;

/** A command line split into its verb (upper case) and the rest. */
record CommandLine(String verb, String argument) {

    static CommandLine parse(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return new CommandLine(trimmed.toUpperCase(Locale.ROOT), "");
        }
        return new CommandLine(trimmed.substring(0, space).toUpperCase(Locale.ROOT),
                trimmed.substring(space + 1).strip());
    }
}
