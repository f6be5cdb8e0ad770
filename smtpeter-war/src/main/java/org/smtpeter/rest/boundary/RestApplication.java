package org.smtpeter.rest.boundary;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.smtpeter.bounces.boundary.BouncesResource;
import org.smtpeter.suppressions.boundary.SuppressionsResource;
import org.smtpeter.audit.boundary.AccountAuditLogResource;
import org.smtpeter.audit.boundary.AuditLogResource;
import org.smtpeter.credentials.boundary.AccountsResource;
import org.smtpeter.credentials.boundary.ApiTokensResource;
import org.smtpeter.credentials.boundary.CredentialsResource;
import org.smtpeter.delivery.boundary.AttemptsResource;
import org.smtpeter.delivery.boundary.DeliveriesResource;
import org.smtpeter.domains.boundary.DomainPolicyResource;
import org.smtpeter.domains.boundary.DomainsResource;
import org.smtpeter.events.boundary.EventOutboxResource;
import org.smtpeter.messagelog.boundary.MessagesResource;
import org.smtpeter.statistics.boundary.StatisticsResource;
import org.smtpeter.tracking.boundary.TrackingEventsResource;
import org.smtpeter.webhooks.boundary.WebhooksResource;
import org.smtpeter.platform.boundary.Paging;

/**
 * The JSON REST API, version 1. Every resource needs a bearer token: the admin token, or an
 * account's API token that sees that account's data only (see {@link BearerTokenFilter}).
 * The classes are listed because the war has a second JAX-RS application (public tracking
 * endpoints under {@code /t}), and neither may pick up the other's resources or filters.
 */
@ApplicationPath("api/v1")
@OpenAPIDefinition(info = @Info(title = "SMTPeter relay API", version = "1",
        description = "Accounts, SMTP credentials, sender domains with their DKIM keys, the message log with timelines, deliveries and attempts, bounces, "
                + "complaints, clicks, opens, suppressions, statistics and the audit log. Lists take offset and limit (at most "
                + Paging.MAX_LIMIT + "); errors are {\"status\": n, \"error\": \"...\"}."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin token (smtpeter.admin.token) or an account's API token")
public class RestApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AccountsResource.class, CredentialsResource.class, ApiTokensResource.class,
                MessagesResource.class, DeliveriesResource.class, AttemptsResource.class, TrackingEventsResource.class,
                BouncesResource.class, SuppressionsResource.class, StatisticsResource.class, EventOutboxResource.class,
                DomainsResource.class, DomainPolicyResource.class, WebhooksResource.class,
                AccountAuditLogResource.class, AuditLogResource.class,
                BearerTokenFilter.class,
                ErrorMappers.WebApplication.class, ErrorMappers.UnreadableJson.class, ErrorMappers.Processing.class,
                ErrorMappers.Ejb.class, ErrorMappers.Duplicate.class, ErrorMappers.Unknown.class);
    }
}
