package org.smtpeter.tracking.control;

/**
 * What a tracking token stands for; part of the signed payload, so a click token cannot be replayed
 * as an open, nor either as an unsubscribe.
 */
public enum TrackingKind {

    CLICK('C'),
    OPEN('O'),
    /** A one-click unsubscribe link: no position, no target. */
    UNSUBSCRIBE('U');

    private final char code;

    TrackingKind(char code) {
        this.code = code;
    }

    byte code() {
        return (byte) code;
    }

    static TrackingKind of(byte code) {
        for (TrackingKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown tracking kind " + code);
    }
}
