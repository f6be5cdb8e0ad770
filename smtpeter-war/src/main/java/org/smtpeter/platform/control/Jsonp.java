package org.smtpeter.platform.control;

import java.util.Collection;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * JSON builders from one provider looked up once. {@code Json.createObjectBuilder()} looks the
 * provider up on every call, a ServiceLoader scan of the application's jars: a profile of the
 * mail path put 8 % of its samples there (BENCHMARKS.md, 2026-12-06, later).
 */
public final class Jsonp {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder array(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    public static JsonProvider provider() {
        return PROVIDER;
    }
}
