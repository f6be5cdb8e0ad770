package org.smtpeter.dashboard.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * Where the war serves Chart.js from: the WebJar's {@code META-INF/resources}, at a path that holds
 * its version. The version is read from the WebJar itself, so upgrading it in the pom is all it takes.
 */
@Named
@ApplicationScoped
public class ChartLibrary {

    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private String path;

    @PostConstruct
    void findVersion() {
        Properties pom = new Properties();
        try (InputStream in = ChartLibrary.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("The Chart.js WebJar is missing from WEB-INF/lib");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        path = "/webjars/chart.js/" + pom.getProperty("version") + "/dist/chart.umd.min.js";
    }

    /** The script's path inside the application (prefix it with the context path). */
    public String getPath() {
        return path;
    }
}
