package org.smtpeter.rest.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON REST API, version 1. Every resource needs the admin token (see {@link AdminTokenFilter}). */
@ApplicationPath("api/v1")
public class RestApplication extends Application {
}
