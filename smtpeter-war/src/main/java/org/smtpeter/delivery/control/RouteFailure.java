package org.smtpeter.delivery.control;

/** No hop could be found for a domain: permanently (no such domain, null MX) or for now (DNS trouble). */
public class RouteFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;
    private final String enhancedCode;

    public RouteFailure(boolean permanent, String enhancedCode, String message) {
        super(message);
        this.permanent = permanent;
        this.enhancedCode = enhancedCode;
    }

    public boolean isPermanent() {
        return permanent;
    }

    public String enhancedCode() {
        return enhancedCode;
    }
}
