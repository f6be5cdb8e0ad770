package org.smtpeter.messages.entity;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A piece of a message's raw bytes exactly as received, in order by {@code seq}. Stored in pieces
 * so that neither taking a message in nor sending it on ever needs all of it in memory; most mail
 * fits in the first piece. Written and read by {@link org.smtpeter.messages.control.MessageStore}.
 */
@Entity
@Table(name = "message_chunk")
@IdClass(MessageChunk.Key.class)
@NamedQuery(name = MessageChunk.FIRST_OF, query = "SELECT c.messageId, c.data FROM MessageChunk c"
        + " WHERE c.messageId IN :ids AND c.seq = 0")
@NamedQuery(name = MessageChunk.ONE, query = "SELECT c.data FROM MessageChunk c"
        + " WHERE c.messageId = :id AND c.seq = :seq")
public class MessageChunk {

    /** The first piece of several messages at once: rows of message id and bytes. */
    public static final String FIRST_OF = "MessageChunk.firstOf";
    /** One piece of one message. */
    public static final String ONE = "MessageChunk.one";

    @Id
    @Column(name = "message_id")
    private Long messageId;

    @Id
    private int seq;

    @Lob
    @Column(nullable = false)
    private byte[] data;

    protected MessageChunk() {
    }

    public MessageChunk(long messageId, int seq, byte[] data) {
        this.messageId = messageId;
        this.seq = seq;
        this.data = data;
    }

    /** The key: the message and the piece's place in it. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private Long messageId;
        private int seq;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.messageId.equals(messageId) && key.seq == seq;
        }

        @Override
        public int hashCode() {
            return messageId.hashCode() * 31 + seq;
        }
    }
}
