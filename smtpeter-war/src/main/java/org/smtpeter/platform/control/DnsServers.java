package org.smtpeter.platform.control;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * The DNS server the relay asks (dnsjava): {@code smtpeter.delivery.dns-server} when set
 * ({@code host} or {@code host:port}), otherwise the system's. Routing and the sender domains'
 * checks share it.
 */
public final class DnsServers {

    private DnsServers() {
    }

    /** @throws IllegalArgumentException for a server that is not {@code host} or {@code host:port} */
    public static Resolver resolver(Optional<String> server) {
        return server.map(DnsServers::resolverFor).orElseGet(Lookup::getDefaultResolver);
    }

    private static Resolver resolverFor(String server) {
        int colon = server.lastIndexOf(':');
        String host = colon > 0 && server.indexOf(':') == colon ? server.substring(0, colon) : server;
        int port = colon > 0 && server.indexOf(':') == colon ? Integer.parseInt(server.substring(colon + 1)) : 53;
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(host, port));
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }
}
