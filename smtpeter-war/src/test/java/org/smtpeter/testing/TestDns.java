package org.smtpeter.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * An authoritative DNS server on a UDP port of 127.0.0.1 for the test zones, built on dnsjava's
 * message classes: the relay resolves MX and A records against it exactly as against a real one.
 * Names that were never added answer NXDOMAIN.
 */
public final class TestDns implements AutoCloseable {

    private static final long TTL = 60;

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final Thread thread;

    public TestDns() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code host:port} for smtpeter.delivery.dns-server. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public TestDns mx(String domain, int preference, String exchanger) {
        return add(new MXRecord(name(domain), DClass.IN, TTL, preference, exchanger.equals(".") ? Name.root : name(exchanger)));
    }

    public TestDns a(String host, String address) throws IOException {
        return add(new ARecord(name(host), DClass.IN, TTL, InetAddress.getByName(address)));
    }

    /** A TXT record; text longer than one DNS string (255 octets) is split into several. */
    public TestDns txt(String owner, String text) {
        List<String> strings = new ArrayList<>();
        for (int at = 0; at < text.length(); at += 255) {
            strings.add(text.substring(at, Math.min(text.length(), at + 255)));
        }
        return add(new TXTRecord(name(owner), DClass.IN, TTL, strings));
    }

    public TestDns cname(String alias, String target) {
        return add(new CNAMERecord(name(alias), DClass.IN, TTL, name(target)));
    }

    /** Removes every record of {@code owner}. */
    public TestDns remove(String owner) {
        zone.remove(name(owner));
        return this;
    }

    private TestDns add(Record record) {
        zone.computeIfAbsent(record.getName(), name -> new ArrayList<>()).add(record);
        return this;
    }

    @Override
    public void close() {
        socket.close();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (IOException malformed) {
                // ignore what cannot be parsed, as a real server would
            }
        }
    }

    private byte[] answer(Message query) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        List<Record> records = zone.get(question.getName());
        if (records == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            records.stream().filter(record -> record.getType() == question.getType())
                    .forEach(record -> response.addRecord(record, Section.ANSWER));
        }
        return response.toWire();
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
