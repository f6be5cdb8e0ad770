package org.smtpeter.tracking.control;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recognises opens that no person caused: mail providers' image proxies that fetch every image
 * on delivery (Apple Mail Privacy Protection, Gmail, Yahoo) and link scanners. They are recorded
 * with a flag, so statistics can tell human opens from machine ones.
 */
@ApplicationScoped
public class MachineFetches {

    private static final List<String> AGENTS = List.of(
            "googleimageproxy", "ggpht.com", "yahoomailproxy", "yahoo! slurp", "bingpreview",
            "proofpoint", "mimecast", "barracuda", "safelinks", "python-requests", "curl/", "wget/");

    /**
     * @param ip        the client address as text
     * @param userAgent the User-Agent header, may be null
     */
    public boolean isMachine(String ip, String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        if (AGENTS.stream().anyMatch(agent::contains)) {
            return true;
        }
        // Apple's privacy proxy fetches from Apple's 17.0.0.0/8 with a bare "Mozilla/5.0".
        return ip != null && ip.startsWith("17.") && agent.strip().equals("mozilla/5.0");
    }
}
