package org.smtpeter.platform.control;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Looks up a resource whose JNDI name comes from configuration (JMS factories and destinations). */
public final class Jndi {

    private Jndi() {
    }

    /** @throws NamingException also when the object there is not of the expected type */
    public static <T> T lookup(String name, Class<T> type) throws NamingException {
        InitialContext naming = new InitialContext();
        try {
            Object found = naming.lookup(name);
            if (!type.isInstance(found)) {
                throw new NamingException(name + " is a " + (found == null ? "null" : found.getClass().getName())
                        + ", not a " + type.getName());
            }
            return type.cast(found);
        } finally {
            naming.close();
        }
    }
}
