package org.smtpeter.platform.control;

import org.eclipse.microprofile.config.Config;
import org.smtpeter.smtp.api.SettingsCheck;

/**
 * The application's settings as MicroProfile Config gives them, to be read with
 * {@link SettingsCheck}: a settings class reads each key with its default and its check in one
 * place, and the start-up check (startup/control) runs the same reading.
 */
public final class Settings {

    private Settings() {
    }

    public static SettingsCheck of(Config config) {
        return new SettingsCheck(key -> config.getOptionalValue(key, String.class));
    }
}
