package org.smtpeter.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Builds the server's TLS context from a keystore and secures accepted sockets with it. */
public final class TlsContexts {

    /** RFC 8996 and RFC 8314: nothing older than TLS 1.2. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    public static SSLContext fromKeyStore(Path keyStore, String type, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load TLS keystore " + keyStore + ": " + e.getMessage(), e);
        }
    }

    /** Wraps an accepted socket as the TLS server side and completes the handshake. */
    static SSLSocket serverSocket(SSLContext context, Socket socket) throws IOException {
        SSLSocket secured = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        secured.setUseClientMode(false);
        secured.setEnabledProtocols(PROTOCOLS);
        secured.startHandshake();
        return secured;
    }
}
