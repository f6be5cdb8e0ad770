package org.smtpeter.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class UserMailTest {

    @Test
    void writesAPlainAutoSubmittedMailWithTheLink() throws Exception {
        byte[] raw = UserMail.compose("postmaster@relay.example", "ann@example.com", "You are invited",
                "Choose your password here:\r\n\r\nhttps://relay.example/invitation.xhtml?token=abc\r\n");
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertEquals("You are invited", mime.getSubject());
        assertEquals("ann@example.com", mime.getAllRecipients()[0].toString());
        assertEquals("auto-generated", mime.getHeader("Auto-Submitted", null));
        assertTrue(((String) mime.getContent()).contains("https://relay.example/invitation.xhtml?token=abc"));
    }
}
