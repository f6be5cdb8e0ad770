package org.smtpeter.delivery.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.platform.control.DnsServers;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Where mail for a domain goes (RFC 5321 section 5): the smart host when one is configured,
 * otherwise the MX hosts by preference, falling back to the domain's own A/AAAA records when it
 * has no MX; a null MX (RFC 7505) means the domain accepts no mail.
 */
@ApplicationScoped
public class Routes {

    @Inject
    DeliverySettings settings;

    private Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    @PostConstruct
    void createResolver() {
        try {
            resolver = DnsServers.resolver(settings.dnsServer());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("smtpeter.delivery.dns-server: " + e.getMessage(), e);
        }
    }

    public List<Hop> route(String domain) throws RouteFailure {
        var smartHost = settings.smartHost();
        if (smartHost.isPresent()) {
            var host = smartHost.get();
            try {
                return Arrays.stream(InetAddress.getAllByName(host.host()))
                        .map(address -> new Hop(host.host(), address, host.port(), host.tls(), host.username(), host.password()))
                        .toList();
            } catch (UnknownHostException e) {
                throw new RouteFailure(false, "4.4.3", "smart host " + host.host() + " not found");
            }
        }
        return mxHops(domain);
    }

    private List<Hop> mxHops(String domain) throws RouteFailure {
        Name name = domainName(domain);
        Lookup mx = lookup(name, Type.MX);
        Record[] records = mx.run();
        switch (mx.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<MXRecord> exchangers = new ArrayList<>(Arrays.stream(records).map(MXRecord.class::cast).toList());
                if (exchangers.size() == 1 && exchangers.get(0).getTarget().equals(Name.root)) {
                    throw new RouteFailure(true, "5.1.10", "domain " + domain + " does not accept mail (null MX)");
                }
                exchangers.sort(Comparator.comparingInt(MXRecord::getPriority));
                List<Hop> hops = new ArrayList<>();
                for (MXRecord exchanger : exchangers) {
                    hops.addAll(addressHops(exchanger.getTarget()));
                }
                if (hops.isEmpty()) {
                    throw new RouteFailure(false, "4.4.3", "no address for any MX host of " + domain);
                }
                return hops;
            }
            case Lookup.TYPE_NOT_FOUND -> {
                List<Hop> implicit = addressHops(name); // RFC 5321 5.1: the domain itself is the implicit MX
                if (implicit.isEmpty()) {
                    throw new RouteFailure(true, "5.1.2", "domain " + domain + " has no MX and no address");
                }
                return implicit;
            }
            case Lookup.HOST_NOT_FOUND -> throw new RouteFailure(true, "5.1.2", "domain " + domain + " does not exist");
            default -> throw new RouteFailure(false, "4.4.3", "DNS lookup for " + domain + " failed: " + mx.getErrorString());
        }
    }

    private List<Hop> addressHops(Name name) {
        String host = name.toString(true);
        List<Hop> hops = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup = lookup(name, type);
            Record[] records = lookup.run();
            if (records == null) {
                continue;
            }
            for (Record record : records) {
                InetAddress address = record instanceof ARecord a ? a.getAddress() : ((AAAARecord) record).getAddress();
                hops.add(new Hop(host, address, settings.mxPort(), DeliverySettings.TlsMode.STARTTLS, null, null));
            }
        }
        return hops;
    }

    /**
     * Absolute names: a recipient domain is never completed with a local search domain. A name DNS
     * cannot even express (a label over 63 octets, an empty label) will never have a route, so
     * it fails at once, as a domain that does not exist does.
     */
    private static Name domainName(String domain) throws RouteFailure {
        try {
            return Name.fromString(domain, Name.root);
        } catch (TextParseException e) {
            throw new RouteFailure(true, "5.1.2", "not a valid domain name: " + domain + " (" + e.getMessage() + ")");
        }
    }

    private Lookup lookup(Name name, int type) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        return lookup;
    }
}
