package org.smtpeter.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for servers a test starts later (a relay, a proxy, Postfix). A port the kernel hands out
 * for {@code new ServerSocket(0)} comes from the ephemeral range, so once closed it can be handed
 * to the next outgoing connection (or the next caller) before the server binds it. These come
 * from below that range (Linux: 32768 and up), each at most once per test JVM, and only when a
 * bind shows them free right now.
 */
public final class FreePorts {

    private static final int FIRST = 20000;
    private static final int LAST = 27999; // 28000-29999 belong to the EAR test's servers
    private static final AtomicInteger NEXT = new AtomicInteger(
            FIRST + ThreadLocalRandom.current().nextInt(LAST - FIRST + 1)); // two JVMs rarely start at the same place

    private FreePorts() {
    }

    /** A port nothing listens on, never returned before in this JVM (until the range wraps). */
    public static int next() {
        for (int tries = 0; tries <= LAST - FIRST; tries++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement() - FIRST, LAST - FIRST + 1);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
    }

    private static boolean bindable(int port) {
        return bindable(new InetSocketAddress(port)) && bindable(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static boolean bindable(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
