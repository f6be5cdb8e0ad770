package org.smtpeter.messages.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.messages.entity.Message;
import org.smtpeter.messages.entity.MessageChunk;

/**
 * The raw bytes of every message, in pieces of {@link #CHUNK} bytes ({@link MessageChunk}): written
 * piece by piece as they are read from the spool, and read back piece by piece, so that the heap
 * holds one piece per message in flight, whatever clients send. Joins the caller's transaction.
 */
@Stateless
public class MessageStore {

    /** Most mail fits in one piece: one row, as before pieces. */
    public static final int CHUNK = 256 * 1024;

    @PersistenceContext
    EntityManager em;

    /** Stores the bytes of a persisted message; @return how many there were. */
    public long write(Message message, InputStream in) {
        try {
            byte[] piece = firstPiece(in, message.getSize());
            if (piece.length < CHUNK) {
                // Most mail is one piece: written with the transaction's other rows when it is
                // flushed, so a batch of messages (GroupCommit) sends its pieces in one JDBC batch.
                em.persist(new MessageChunk(message.getId(), 0, piece));
                return piece.length;
            }
            long size = 0;
            for (int seq = 0; piece.length > 0; seq++) {
                insertNow(message, seq, piece);
                size += piece.length;
                if (piece.length < CHUNK) {
                    return size;
                }
                piece = in.readNBytes(CHUNK);
            }
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message to store it", e);
        }
    }

    /**
     * The first piece, read into an array of the size the message was announced with: reading
     * an unknown length collects 8 KB buffers and copies them, 5 % of all the relay allocated in
     * the throughput profile. A stream of another length gets what it has (the caller compares).
     */
    static byte[] firstPiece(InputStream in, long expectedSize) throws IOException {
        if (expectedSize <= 0 || expectedSize >= CHUNK) {
            return in.readNBytes(CHUNK);
        }
        byte[] piece = new byte[(int) expectedSize];
        int read = in.readNBytes(piece, 0, piece.length);
        if (read < piece.length) {
            return Arrays.copyOf(piece, read);
        }
        int more = in.read();
        if (more < 0) {
            return piece;
        }
        // Longer than announced: the rest as it comes, so that the caller sees the true size.
        byte[] rest = in.readNBytes(CHUNK - piece.length - 1);
        byte[] all = Arrays.copyOf(piece, piece.length + 1 + rest.length);
        all[piece.length] = (byte) more;
        System.arraycopy(rest, 0, all, piece.length + 1, rest.length);
        return all;
    }

    /**
     * A piece of a larger message goes to the database at once, so that none of them stays in
     * memory. Without flushing the persistence context first: the pieces refer to nothing in it,
     * and a batch of messages is then flushed once instead of once per message.
     */
    private void insertNow(Message message, int seq, byte[] piece) {
        em.createNativeQuery("INSERT INTO message_chunk (message_id, seq, data) VALUES (?1, ?2, ?3)")
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter(1, message.getId())
                .setParameter(2, seq)
                .setParameter(3, piece)
                .executeUpdate();
    }

    public void write(Message message, byte[] raw) {
        write(message, new ByteArrayInputStream(raw));
    }

    /** All the bytes of a message; only for what is shown or returned whole (a download, a report). */
    public byte[] read(Message message) {
        return read(message, message.getSize());
    }

    /** At most the first {@code max} bytes of a message, e.g. to read its header section. */
    public byte[] read(Message message, long max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, message.getSize()));
        copy(message, Math.min(max, message.getSize()), out);
        return out.toByteArray();
    }

    /**
     * The bytes of several messages for sending: those of one piece in memory (one query for all
     * of them), larger ones in a file each under {@code spool}, which closing the bytes deletes.
     */
    public Map<Long, MessageBytes> open(Collection<Message> messages, Path spool) {
        Map<Long, MessageBytes> opened = new HashMap<>();
        List<Long> small = messages.stream().filter(m -> m.getSize() <= CHUNK).map(Message::getId).toList();
        if (!small.isEmpty()) {
            for (Object[] row : em.createNamedQuery(MessageChunk.FIRST_OF, Object[].class)
                    .setParameter("ids", small).getResultList()) {
                opened.put(((Number) row[0]).longValue(), MessageBytes.of((byte[]) row[1]));
            }
        }
        try {
            for (Message message : messages) {
                if (message.getSize() > CHUNK) {
                    opened.put(message.getId(), inFile(message, spool));
                }
            }
        } catch (RuntimeException e) {
            opened.values().forEach(MessageStore::closeQuietly);
            throw e;
        }
        return opened;
    }

    private MessageBytes inFile(Message message, Path spool) {
        Path file = null;
        try {
            Files.createDirectories(spool);
            file = Files.createTempFile(spool, "smtpeter-out-", ".eml");
            try (OutputStream out = Files.newOutputStream(file)) {
                copy(message, message.getSize(), out);
            }
            return MessageBytes.inFile(file);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e instanceof IOException io ? new UncheckedIOException("cannot spool message " + message.getId(), io)
                    : (RuntimeException) e;
        }
    }

    private void copy(Message message, long max, OutputStream out) {
        long copied = 0;
        try {
            for (int seq = 0; copied < max; seq++) {
                List<byte[]> piece = em.createNamedQuery(MessageChunk.ONE, byte[].class)
                        .setParameter("id", message.getId()).setParameter("seq", seq).getResultList();
                if (piece.isEmpty()) {
                    throw new IllegalStateException("message " + message.getId() + " is missing piece " + seq);
                }
                int length = (int) Math.min(piece.get(0).length, max - copied);
                out.write(piece.get(0), 0, length);
                copied += length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy message " + message.getId(), e);
        }
    }

    private static void closeQuietly(MessageBytes bytes) {
        try {
            bytes.close();
        } catch (IOException ignored) {
            // a temporary file that could not be deleted
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file that could not be deleted
            }
        }
    }
}
