package org.smtpeter.domains.control;

/** What a stored private key is bound to: it decrypts only for its own domain and selector. */
final class KeyContext {

    private KeyContext() {
    }

    static String of(String domain, String selector) {
        return "dkim:" + domain + ":" + selector;
    }
}
