package org.smtpeter.bounces.control;

import java.util.List;

/**
 * The parts of an arrived message that matter for understanding it, found by
 * {@link MessageStructureReader}.
 *
 * @param deliveryStatuses the bodies of message/delivery-status and message/global-delivery-status
 *                         parts, in order
 * @param feedbackReport   the body of the first message/feedback-report part, or null
 * @param original         the headers of the first returned message or header part, or
 *                         {@link OriginalMessage#NONE}
 * @param text             the readable text: text/plain parts (text/html converted when a message
 *                         has no plain text), outside any returned message
 * @param problems         parts that could not be read (the rest was still used)
 */
record MessageStructure(List<String> deliveryStatuses, String feedbackReport, OriginalMessage original,
                        String text, List<String> problems) {

    MessageStructure {
        deliveryStatuses = List.copyOf(deliveryStatuses);
        problems = List.copyOf(problems);
    }
}
