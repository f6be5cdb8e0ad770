package org.smtpeter.messages.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.MapsId;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/**
 * The raw MIME bytes of a message exactly as received, in a table of their own so that
 * listing messages never loads them.
 */
@Entity
@Table(name = "message_source")
@NamedQuery(name = MessageSource.RAW_BY_IDS, query = "SELECT s.id, s.raw FROM MessageSource s WHERE s.id IN :ids")
public class MessageSource {

    /** The raw bytes of several messages at once: rows of message id and bytes. */
    public static final String RAW_BY_IDS = "MessageSource.rawByIds";

    @Id
    private Long id;

    @MapsId
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "message_id")
    private Message message;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] raw;

    protected MessageSource() {
    }

    public MessageSource(Message message, byte[] raw) {
        this.message = message;
        this.raw = raw;
    }

    public byte[] getRaw() {
        return raw;
    }
}
