package org.smtpeter.benchmark.throughput;

/** Where the load goes: a submission port on 127.0.0.1 (STARTTLS, then AUTH PLAIN) and the login to use there. */
record SmtpTarget(String name, int port, String username, String password) {
}
