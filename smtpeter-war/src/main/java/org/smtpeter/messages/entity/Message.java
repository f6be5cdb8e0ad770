package org.smtpeter.messages.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.IdentifiedEntity;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.credentials.entity.SmtpCredential;

/**
 * A message the relay accepted: its envelope with all SMTP parameters, who sent it and how,
 * and (in {@link MessageChunk}s) the bytes exactly as received.
 */
@Entity
@Table(name = "message", indexes = {
        @Index(name = "message_received_at", columnList = "received_at"),
        @Index(name = "message_reverse_path", columnList = "reverse_path")})
@NamedQuery(name = Message.BY_PUBLIC_ID, query = "SELECT m FROM Message m WHERE m.publicId = :publicId")
public class Message extends IdentifiedEntity {

    public static final String BY_PUBLIC_ID = "Message.byPublicId";

    /** The id given to the client in the 250 reply and used in the REST API. */
    @Column(name = "public_id", nullable = false, unique = true, length = 40)
    private String publicId;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id")
    private Account account;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "credential_id")
    private SmtpCredential credential;

    /** Kept when the credential is deleted, so the log still says who sent the message. */
    @Column(name = "credential_username", length = 100)
    private String credentialUsername;

    /** The Subject header, decoded (RFC 2047), at most 500 characters; for searching and listing. */
    @Column(length = 500)
    private String subject;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "listener_role", nullable = false, length = 20)
    private String listenerRole;

    @Column(name = "client_address", nullable = false, length = 64)
    private String clientAddress;

    @Column(name = "client_helo", length = 255)
    private String clientHelo;

    @Column(name = "tls_protocol", length = 20)
    private String tlsProtocol;

    @Column(name = "tls_cipher", length = 100)
    private String tlsCipher;

    /** MAIL FROM; empty for the null sender. */
    @Column(name = "reverse_path", nullable = false, length = 320)
    private String reversePath;

    @Column(name = "body_type", length = 10)
    private String body;

    @Column(name = "smtp_utf8", nullable = false)
    private boolean smtpUtf8;

    @Column(name = "declared_size", nullable = false)
    private long declaredSize;

    @Column(name = "dsn_ret", length = 4)
    private String ret;

    @Column(name = "dsn_envelope_id", length = 100)
    private String envelopeId;

    /** The features applied, as SMTPeter logs them: {@code preventscam;inlinecss;trackbounces;trackopens;trackclicks}. */
    @Column(name = "features", length = 100)
    private String features;

    /** From {@code x-smtpeter-tags}, comma-separated. */
    @Column(name = "tags", length = 1000)
    private String tags;

    /**
     * The same tags one row each, for filtering and counting by tag through an index ({@code JOIN
     * m.searchableTags t}); lazy, as only queries use it.
     */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "message_tag", joinColumns = @JoinColumn(name = "message_id"))
    @Column(name = "tag", length = 1000, nullable = false)
    private Set<String> searchableTags = new LinkedHashSet<>();

    /** Why the message went out other than asked, e.g. MIME that could not be parsed. */
    @Column(name = "processing_note", length = 1000)
    private String processingNote;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "message_recipient", joinColumns = @JoinColumn(name = "message_id"))
    @OrderColumn(name = "position")
    private List<EnvelopeRecipient> recipients = new ArrayList<>();

    protected Message() {
    }

    public Message(String publicId, Instant receivedAt, long size) {
        this.publicId = publicId;
        this.receivedAt = receivedAt;
        this.size = size;
    }

    public void sentBy(Account account, SmtpCredential credential) {
        this.account = account;
        this.credential = credential;
        this.credentialUsername = credential == null ? null : credential.getUsername();
    }

    public void titled(String subject) {
        this.subject = subject == null ? null : subject.substring(0, Math.min(subject.length(), 500));
    }

    public void receivedFrom(String listenerRole, String clientAddress, String clientHelo, String tlsProtocol,
                             String tlsCipher) {
        this.listenerRole = listenerRole;
        this.clientAddress = clientAddress;
        this.clientHelo = clientHelo;
        this.tlsProtocol = tlsProtocol;
        this.tlsCipher = tlsCipher;
    }

    public void envelope(String reversePath, String body, boolean smtpUtf8, long declaredSize, String ret,
                         String envelopeId, List<EnvelopeRecipient> recipients) {
        this.reversePath = reversePath;
        this.body = body;
        this.smtpUtf8 = smtpUtf8;
        this.declaredSize = declaredSize;
        this.ret = ret;
        this.envelopeId = envelopeId;
        this.recipients = new ArrayList<>(recipients);
    }

    public void applied(String features, List<String> tags) {
        this.features = features;
        this.tags = tags.isEmpty() ? null : String.join(",", tags);
        this.searchableTags = new LinkedHashSet<>(tags);
    }

    public void noteProcessing(String note) {
        this.processingNote = note == null ? null : note.substring(0, Math.min(note.length(), 1000));
    }

    public String getFeatures() {
        return features;
    }

    /** In the order the sender gave them. */
    public List<String> getTags() {
        return tags == null ? List.of() : List.of(tags.split(","));
    }

    public String getProcessingNote() {
        return processingNote;
    }

    public String getPublicId() {
        return publicId;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Account getAccount() {
        return account;
    }

    public SmtpCredential getCredential() {
        return credential;
    }

    /** The user name of the credential that sent it, also after the credential was deleted. */
    public String getCredentialUsername() {
        return credentialUsername != null ? credentialUsername : credential == null ? null : credential.getUsername();
    }

    public String getSubject() {
        return subject;
    }

    public long getSize() {
        return size;
    }

    public String getListenerRole() {
        return listenerRole;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getClientHelo() {
        return clientHelo;
    }

    public String getTlsProtocol() {
        return tlsProtocol;
    }

    public String getTlsCipher() {
        return tlsCipher;
    }

    public String getReversePath() {
        return reversePath;
    }

    public String getBody() {
        return body;
    }

    public boolean isSmtpUtf8() {
        return smtpUtf8;
    }

    public long getDeclaredSize() {
        return declaredSize;
    }

    public String getRet() {
        return ret;
    }

    public String getEnvelopeId() {
        return envelopeId;
    }

    public List<EnvelopeRecipient> getRecipients() {
        return recipients;
    }
}
