package org.smtpeter.dashboard.boundary;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sets each session's idle timeout from {@code smtpeter.dashboard.session-timeout-minutes}
 * (default 30, as in web.xml). Only the dashboard makes sessions: the REST API and the tracking
 * endpoints are stateless.
 */
@WebListener
public class SessionTimeout implements HttpSessionListener {

    static final String KEY = "smtpeter.dashboard.session-timeout-minutes";
    static final int DEFAULT_MINUTES = 30;

    private final int seconds = ConfigProvider.getConfig().getOptionalValue(KEY, Integer.class)
            .filter(minutes -> minutes > 0).orElse(DEFAULT_MINUTES) * 60;

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        event.getSession().setMaxInactiveInterval(seconds);
    }
}
