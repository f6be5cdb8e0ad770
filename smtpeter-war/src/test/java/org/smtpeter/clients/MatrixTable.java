package org.smtpeter.clients;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The matrix's outcome, one row per client, TLS mode and AUTH mechanism, printed as a table. */
final class MatrixTable {

    record Row(String client, String tls, String mechanism, String result) {
    }

    private final List<Row> rows = new CopyOnWriteArrayList<>();

    void add(String client, String tls, String mechanism, String result) {
        rows.add(new Row(client, tls, mechanism, result));
    }

    /** A Markdown table, so that it can be pasted into an issue as it is. */
    String render() {
        StringBuilder table = new StringBuilder("| client | TLS mode | AUTH | result |\n|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(row.client()).append(" | ").append(row.tls()).append(" | ")
                    .append(row.mechanism()).append(" | ").append(row.result().replace("\n", " ").replace("|", "\\|"))
                    .append(" |\n");
        }
        return table.toString();
    }
}
