package org.smtpeter.inlining.control;

import java.util.Comparator;

/** CSS selector specificity (ids, classes/attributes/pseudo-classes, types/pseudo-elements). */
record Specificity(int ids, int classes, int types) implements Comparable<Specificity> {

    static final Specificity NONE = new Specificity(0, 0, 0);

    private static final Comparator<Specificity> ORDER = Comparator.comparingInt(Specificity::ids)
            .thenComparingInt(Specificity::classes)
            .thenComparingInt(Specificity::types);

    Specificity plus(Specificity other) {
        return new Specificity(ids + other.ids, classes + other.classes, types + other.types);
    }

    Specificity plusId() {
        return new Specificity(ids + 1, classes, types);
    }

    Specificity plusClass() {
        return new Specificity(ids, classes + 1, types);
    }

    Specificity plusType() {
        return new Specificity(ids, classes, types + 1);
    }

    static Specificity max(Specificity a, Specificity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(Specificity other) {
        return ORDER.compare(this, other);
    }
}
