package org.smtpeter.platform.control;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Points Jakarta Mail straight at Angus Mail's stream provider. Jakarta Mail 2.1 looks its
 * {@code StreamProvider} up again for every {@code MimeBodyPart}, {@code MimeMultipart} and
 * {@code MimeUtility.encode}; without this system property that is a {@code ServiceLoader} scan
 * of every jar the application's class loader sees, which a profile of the mail path showed as
 * its largest single cost after HTML. With it, the lookup is one {@code Class.forName}. A value
 * set by the operator is left as it is.
 */
@ApplicationScoped
public class MailStreams {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";
    private static final Logger LOG = Logger.getLogger(MailStreams.class.getName());

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        useAngusDirectly();
    }

    /** Idempotent; also for code that runs without the container (benchmarks). */
    public static void useAngusDirectly() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS, false, MailStreams.class.getClassLoader());
            System.setProperty(PROPERTY, ANGUS);
        } catch (ClassNotFoundException notAngus) {
            LOG.info(() -> ANGUS + " is not available; Jakarta Mail keeps looking its stream provider up");
        }
    }
}
