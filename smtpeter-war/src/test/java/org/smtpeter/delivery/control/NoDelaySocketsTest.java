package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

    @Test
    void everySocketItMakesSendsShortSegmentsAtOnce() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
            int port = server.getLocalPort();
            try (Socket unconnected = NoDelaySockets.INSTANCE.createSocket();
                 Socket byName = NoDelaySockets.INSTANCE.createSocket(loopback.getHostAddress(), port);
                 Socket byAddress = NoDelaySockets.INSTANCE.createSocket(loopback, port);
                 Socket fromLocal = NoDelaySockets.INSTANCE.createSocket(loopback, port, loopback, 0);
                 Socket byNameFromLocal = NoDelaySockets.INSTANCE.createSocket(loopback.getHostAddress(), port,
                         loopback, 0)) {
                unconnected.connect(new InetSocketAddress(loopback, port), 5_000);
                for (Socket socket : new Socket[] {unconnected, byName, byAddress, fromLocal, byNameFromLocal}) {
                    assertTrue(socket.isConnected());
                    assertTrue(socket.getTcpNoDelay(), socket.toString());
                }
            }
        }
    }
}
