package org.smtpeter.features.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;

import org.smtpeter.messages.control.MessageBytes;
import org.smtpeter.messages.control.LocatedBytes;

/**
 * Applies a rewrite to every {@code text/html} part of a raw message and to nothing else.
 *
 * <p>The message is parsed in place ({@link LocatedBytes}): Jakarta Mail reads headers and finds
 * boundaries, but no part's content is copied or decoded unless it is HTML. The output is the input
 * with only the content bytes of changed HTML parts replaced ({@link Splice}), so attachments,
 * other parts, boundaries, preambles and the message headers stay byte-identical, and a 25 MB
 * message costs one output copy. When no part changes, the input array itself is returned.
 *
 * <p>Walked: {@code multipart/*} at any depth (mixed, alternative, related, ...). Not walked:
 * {@code message/rfc822} (a forwarded mail is an attachment) and HTML parts with
 * {@code Content-Disposition: attachment}. A message whose MIME structure cannot be parsed is
 * returned unchanged with the reason; a single part that cannot be rewritten (unknown charset or
 * transfer encoding, a failing rewrite) is left as it was and reported, the others are rewritten.
 */
@ApplicationScoped
public class HtmlParts {

    /** Deeper nesting is not mail but an attack on the parser's stack. */
    private static final int MAX_DEPTH = 32;

    public Rewritten rewrite(byte[] message, UnaryOperator<String> rewrite) {
        MessageBytes bytes = MessageBytes.of(message);
        List<String> problems = new ArrayList<>();
        List<HtmlPartText> parts;
        try {
            parts = read(bytes, problems);
        } catch (MessagingException | IOException | RuntimeException unparseable) {
            return Rewritten.of(Content.of(bytes), false, List.of(unparseable(unparseable)));
        }
        List<Splice> splices = new ArrayList<>();
        for (HtmlPartText part : parts) {
            try {
                String rewritten = rewrite.apply(part.html());
                if (rewritten != null && !rewritten.equals(part.html())) {
                    splices.add(part.replaceWith(rewritten));
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                problems.add(leftAsItWas(e));
            }
        }
        return Rewritten.of(Content.spliced(bytes, splices), !splices.isEmpty(), problems);
    }

    /**
     * The decoded HTML parts of a message, in order; a part that cannot be decoded is reported in
     * {@code problems} and left out. Only HTML parts are read: the rest is located, not copied.
     *
     * @throws MessagingException when the MIME structure itself cannot be parsed
     */
    public List<HtmlPartText> read(MessageBytes message, List<String> problems) throws MessagingException, IOException {
        List<HtmlPartText> parts = new ArrayList<>();
        walk(new LocatedPart(message.located()), 0, parts, problems);
        return parts;
    }

    /** The problem to report for a message whose MIME structure could not be parsed. */
    static String unparseable(Exception e) {
        return "MIME structure could not be parsed: " + describe(e);
    }

    /** The problem to report for an HTML part that could not be rewritten. */
    static String leftAsItWas(Exception e) {
        return "HTML part left as it was: " + describe(e);
    }

    private void walk(LocatedPart part, int depth, List<HtmlPartText> parts, List<String> problems)
            throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            throw new MessagingException("multiparts nested deeper than " + MAX_DEPTH);
        }
        ContentType type;
        try {
            type = new ContentType(part.getContentType());
        } catch (ParseException unreadable) {
            problems.add("part with unreadable Content-Type left as it was: " + part.getContentType());
            return;
        }
        if (type.match("multipart/*")) {
            LocatedMultipart multipart = new LocatedMultipart(part);
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.part(i), depth + 1, parts, problems);
            }
        } else if (type.match("text/html") && !isAttachment(part)) {
            try {
                parts.add(HtmlPartText.read(part, type));
            } catch (MessagingException | IOException | RuntimeException e) {
                problems.add(leftAsItWas(e));
            }
        }
    }

    private static boolean isAttachment(Part part) {
        try {
            String disposition = part.getDisposition();
            return disposition != null && disposition.toLowerCase(Locale.ROOT).equals(Part.ATTACHMENT);
        } catch (MessagingException unreadable) {
            return false;
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
