package org.smtpeter.inlining.control;

import java.util.List;

/** One inlinable selector with its rule's declarations and the rule's place in source order. */
record InlineRule(InlinableSelector selector, int sourceOrder, List<Declaration> declarations) {
}
