package org.smtpeter.features.control;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.smtpeter.messages.control.MessageBytes;

/**
 * Outgoing bytes as pieces: ranges of the stored message and new bytes between them (rewritten
 * HTML parts, new header fields), written in order and never joined in memory. A recipient's copy
 * of a large message is a few small arrays and references to its attachments.
 */
public final class Content {

    private record Piece(MessageBytes source, long from, long to) {
        long size() {
            return to - from;
        }
    }

    private final List<Piece> pieces;
    private final long size;

    private Content(List<Piece> pieces) {
        this.pieces = List.copyOf(pieces);
        this.size = pieces.stream().mapToLong(Piece::size).sum();
    }

    public static Content of(byte[] bytes) {
        return of(MessageBytes.of(bytes));
    }

    /** All of {@code message}, as it is. */
    public static Content of(MessageBytes message) {
        return new Content(List.of(new Piece(message, 0, message.size())));
    }

    /** {@code message} with each splice's range replaced by its bytes; the splices must not overlap. */
    static Content spliced(MessageBytes message, List<Splice> splices) {
        List<Piece> pieces = new ArrayList<>();
        long from = 0;
        for (Splice splice : Splice.ordered(splices)) {
            add(pieces, new Piece(message, from, splice.start()));
            add(pieces, bytes(splice.replacement()));
            from = splice.end();
        }
        add(pieces, new Piece(message, from, message.size()));
        return new Content(pieces);
    }

    public long size() {
        return size;
    }

    /** {@code head}, then this content. */
    public Content after(byte[] head) {
        List<Piece> all = new ArrayList<>();
        add(all, bytes(head));
        all.addAll(pieces);
        return new Content(all);
    }

    /** This content from {@code offset} on. */
    public Content from(long offset) {
        List<Piece> rest = new ArrayList<>();
        long position = 0;
        for (Piece piece : pieces) {
            long pieceEnd = position + piece.size();
            if (pieceEnd > offset) {
                long skip = Math.max(0, offset - position);
                add(rest, new Piece(piece.source(), piece.from() + skip, piece.to()));
            }
            position = pieceEnd;
        }
        return new Content(rest);
    }

    /** At most the first {@code max} bytes, e.g. to read the header section. */
    public byte[] head(int max) {
        byte[] head = new byte[(int) Math.min(size, Math.max(max, 0))];
        ArrayFiller out = new ArrayFiller(head);
        try {
            for (Piece piece : pieces) {
                int remaining = head.length - out.filled();
                if (remaining <= 0) {
                    break;
                }
                piece.source().copy(piece.from(), Math.min(piece.to(), piece.from() + remaining), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message", e);
        }
        return head;
    }

    public void writeTo(OutputStream out) throws IOException {
        for (Piece piece : pieces) {
            piece.source().copy(piece.from(), piece.to(), out);
        }
    }

    /** All of it in one array: for tests and small messages only. */
    public byte[] toBytes() {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("too large for one array: " + size + " bytes");
        }
        byte[] all = new byte[(int) size];
        try {
            writeTo(new ArrayFiller(all));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message", e);
        }
        return all;
    }

    /** Writes into an array of the right size, so that nothing is copied twice. */
    private static final class ArrayFiller extends OutputStream {
        private final byte[] array;
        private int at;

        ArrayFiller(byte[] array) {
            this.array = array;
        }

        int filled() {
            return at;
        }

        @Override
        public void write(int b) {
            array[at++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            System.arraycopy(bytes, offset, array, at, length);
            at += length;
        }
    }

    private static Piece bytes(byte[] bytes) {
        return new Piece(MessageBytes.of(bytes), 0, bytes.length);
    }

    private static void add(List<Piece> pieces, Piece piece) {
        if (piece.size() > 0) {
            pieces.add(piece);
        }
    }
}
