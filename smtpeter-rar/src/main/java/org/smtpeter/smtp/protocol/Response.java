package org.smtpeter.smtp.protocol;

import java.util.ArrayList;
import java.util.List;

import org.smtpeter.smtp.api.SmtpReply;

/**
 * What the session answers to one input and what the connection must do next.
 *
 * @param lines the reply lines, without CRLF, in order (a multi-line reply uses {@code 250-})
 * @param next  continue reading commands, start TLS, read message data, or close
 */
public record Response(List<String> lines, Next next) {

    public enum Next { CONTINUE, START_TLS, READ_DATA, CLOSE }

    public Response {
        lines = List.copyOf(lines);
    }

    static Response of(SmtpReply reply) {
        return new Response(List.of(reply.line()), reply.closesConnection() ? Next.CLOSE : Next.CONTINUE);
    }

    static Response of(SmtpReply reply, Next next) {
        return new Response(List.of(reply.line()), next);
    }

    static Response none() {
        return new Response(List.of(), Next.CONTINUE);
    }

    /** This response followed by a closing reply. */
    Response thenClose(SmtpReply closing) {
        List<String> all = new ArrayList<>(lines);
        all.add(closing.line());
        return new Response(all, Next.CLOSE);
    }

    /** The basic reply code of the last line, for tests and logs. */
    public int code() {
        return lines.isEmpty() ? 0 : Integer.parseInt(lines.get(lines.size() - 1).substring(0, 3));
    }

    public String lastLine() {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
