import java.io.File;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Sends a message with Jakarta Mail (Angus Mail), composed as Java applications do: HTML with a
 * text alternative, a custom header and an attachment. Protocol "smtp" with STARTTLS required
 * (587) or "smtps", implicit TLS (465). Run as a single-file program: java -cp ... JakartaMail.java
 *
 * <p>Arguments: host port starttls|smtps PLAIN|LOGIN user password from to attachment-file
 */
public class JakartaMail {

    public static void main(String[] args) throws Exception {
        String host = args[0], port = args[1], tls = args[2], mechanism = args[3];
        String user = args[4], password = args[5], from = args[6], to = args[7], attachment = args[8];

        String protocol = tls.equals("smtps") ? "smtps" : "smtp";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", host);
        props.put("mail." + protocol + ".port", port);
        props.put("mail." + protocol + ".auth", "true");
        props.put("mail." + protocol + ".auth.mechanisms", mechanism);
        props.put("mail." + protocol + ".starttls.enable", "true");
        props.put("mail." + protocol + ".starttls.required", String.valueOf(protocol.equals("smtp")));
        // The test relay's certificate is self-signed; in production leave these two out.
        props.put("mail." + protocol + ".ssl.trust", host);
        props.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        Session session = Session.getInstance(props);

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello from the client matrix.", "UTF-8");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Hello from the client matrix.</p>"
                + "<p><a href=\"https://example.com/welcome\">Welcome</a></p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart file = new MimeBodyPart();
        file.attachFile(new File(attachment));
        file.setFileName("report.bin");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(file);

        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject("Client matrix");
        message.setHeader("X-SMTPeter-Tags", "client-matrix");
        message.setContent(mixed);
        try (Transport transport = session.getTransport()) {
            transport.connect(user, password);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
