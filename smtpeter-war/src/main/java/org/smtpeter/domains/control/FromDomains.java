package org.smtpeter.domains.control;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** The domain of a message's From address, read from its header section. */
final class FromDomains {

    private FromDomains() {
    }

    /** Empty without a From field, or when its first address has no domain. */
    static Optional<String> of(List<HeaderFields.Field> fields) {
        return fields.stream().filter(field -> field.name().equals("from")).findFirst().flatMap(FromDomains::domain);
    }

    private static Optional<String> domain(HeaderFields.Field from) {
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from.value(), false);
            if (addresses.length == 0) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            return at < 0 ? Optional.empty() : Optional.of(address.substring(at + 1).strip().toLowerCase(Locale.ROOT))
                    .filter(domain -> !domain.isEmpty());
        } catch (AddressException unreadable) {
            return Optional.empty();
        }
    }
}
