package org.smtpeter.domains.boundary;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.credentials.boundary.AccountResource;
import org.smtpeter.domains.control.DnsRecord;
import org.smtpeter.domains.control.DomainCheck;
import org.smtpeter.domains.control.DomainSettings;
import org.smtpeter.domains.control.InvalidDomainException;
import org.smtpeter.domains.control.SenderDomains;
import org.smtpeter.domains.control.UnknownDomainException;
import org.smtpeter.domains.entity.DkimAlgorithm;
import org.smtpeter.domains.entity.DkimKey;
import org.smtpeter.domains.entity.KeyState;
import org.smtpeter.domains.entity.SenderDomain;

/**
 * An account's sender domains: adding one makes its DKIM keys, and every answer lists the DNS
 * records to publish with what the last check found. Private keys never appear. Adding, deleting,
 * rotating and activating are each one transaction with their audit log entry; a check is not
 * recorded (the relay checks by itself as well).
 */
@RequestScoped
@Path("accounts/{account}/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domains", description = "Sender domains of an account: DKIM keys and the DNS records to publish")
public class DomainsResource extends AccountResource {

    @Inject
    SenderDomains domains;

    @Inject
    DomainSettings settings;

    /** @param algorithms {@code rsa} (the default), {@code ed25519}, or both: mail is then signed twice */
    public record NewDomain(String name, List<String> algorithms) {
    }

    public record KeyView(String selector, String algorithm, String state, Instant createdAt, Instant activatedAt) {
        static KeyView of(DkimKey key) {
            return new KeyView(key.getSelector(), key.getAlgorithm().keyType(), key.getState().name().toLowerCase(),
                    key.getCreatedAt(), key.getActivatedAt());
        }
    }

    /** @param status {@code found}, {@code missing} or {@code wrong} at the last check; null before the first */
    public record RecordView(String purpose, String type, String name, String value, String selector, String status,
                             List<String> found) {
    }

    public record DomainView(long id, long accountId, String name, boolean verified, Instant verifiedAt,
                             Instant checkedAt, String bounceHost, String trackingHost, List<KeyView> keys,
                             List<RecordView> records) {
    }

    @POST
    @Transactional
    @Operation(summary = "Add a sender domain; its DKIM keys are made and its DNS records listed")
    public Response add(NewDomain request) {
        account();
        if (request == null || request.name() == null) {
            throw new BadRequestException("name is required");
        }
        SenderDomain domain = call(() -> domains.add(accountId, request.name(), algorithms(request.algorithms())));
        audit.record(accountId, AuditActions.DOMAIN_ADDED, domain.getName() + " (" + selectors(domain, KeyState.ACTIVE) + ")");
        return Response.created(URI.create("accounts/" + accountId + "/domains/" + domain.getId()))
                .entity(view(domain)).build();
    }

    @GET
    @Operation(summary = "The account's sender domains with their records")
    public List<DomainView> list() {
        account();
        return domains.list(accountId).stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public DomainView get(@PathParam("id") long id) {
        account();
        return view(domains.get(accountId, id).orElseThrow(() -> new NotFoundException("No sender domain " + id)));
    }

    @DELETE
    @Transactional
    @Path("{id}")
    @Operation(summary = "Delete a sender domain and its keys; its mail is no longer signed")
    public Response delete(@PathParam("id") long id) {
        account();
        String name = domains.get(accountId, id).map(SenderDomain::getName)
                .orElseThrow(() -> new NotFoundException("No sender domain " + id));
        domains.delete(accountId, id);
        audit.record(accountId, AuditActions.DOMAIN_REMOVED, name);
        return Response.noContent().build();
    }

    @POST
    @Transactional
    @Path("{id}/rotate")
    @Operation(summary = "New DKIM keys under new selectors, published beside the active ones;"
            + " they sign once a check finds their records, or once activated")
    public DomainView rotate(@PathParam("id") long id) {
        account();
        SenderDomain domain = call(() -> domains.rotate(accountId, id));
        audit.record(accountId, AuditActions.DOMAIN_KEY_ROTATED,
                domain.getName() + ": new " + selectors(domain, KeyState.PUBLISHED));
        return view(domain);
    }

    @POST
    @Transactional
    @Path("{id}/keys/{selector}/activate")
    @Operation(summary = "Sign with a published key from now on, without waiting for the DNS check")
    public DomainView activate(@PathParam("id") long id, @PathParam("selector") String selector) {
        account();
        SenderDomain domain = call(() -> domains.activate(accountId, id, selector));
        audit.record(accountId, AuditActions.DOMAIN_KEY_ACTIVATED, domain.getName() + ": " + selector);
        return view(domain);
    }

    @POST
    @Path("{id}/check")
    @Operation(summary = "Look the domain's records up in DNS now; each is found, missing or wrong")
    public DomainView check(@PathParam("id") long id) {
        account();
        call(() -> domains.check(accountId, id));
        return get(id);
    }

    private DomainView view(SenderDomain domain) {
        List<RecordView> records = DnsRecord.of(domain, settings.relayHost(), settings.trackingHost()).stream()
                .map(record -> new RecordView(record.purpose(), record.type(), record.name(), record.value(),
                        record.selector(), DomainCheck.status(domain, record), DomainCheck.found(domain, record)))
                .toList();
        return new DomainView(domain.getId(), domain.getAccountId(), domain.getName(), domain.isVerified(),
                domain.getVerifiedAt(), domain.getCheckedAt(), domain.getBounceHost(), domain.getTrackingHost(),
                domain.getKeys().stream().map(KeyView::of).toList(), records);
    }

    /** The selectors of the domain's keys in a state, with their algorithms, for an audit entry. */
    private static String selectors(SenderDomain domain, KeyState state) {
        return domain.getKeys().stream().filter(key -> key.getState() == state)
                .map(key -> key.getSelector() + " " + key.getAlgorithm().keyType())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static Set<DkimAlgorithm> algorithms(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.of(DkimAlgorithm.RSA);
        }
        Set<DkimAlgorithm> algorithms = EnumSet.noneOf(DkimAlgorithm.class);
        for (String name : names) {
            algorithms.add(DkimAlgorithm.byKeyType(name)
                    .orElseThrow(() -> new BadRequestException("unknown algorithm " + name + ": rsa or ed25519")));
        }
        return algorithms;
    }

    /** The control's refusals as HTTP errors, also when they come wrapped by the EJB container. */
    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidDomainException e) {
            throw new BadRequestException(e.getMessage());
        } catch (UnknownDomainException e) {
            throw new NotFoundException(e.getMessage());
        } catch (EJBException e) {
            if (e.getCause() instanceof InvalidDomainException invalid) {
                throw new BadRequestException(invalid.getMessage());
            }
            throw e;
        }
    }

    private void account() {
        pathAccounts.visible(accountId);
    }
}
