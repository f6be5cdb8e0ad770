package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusCodesTest {

    @ParameterizedTest(name = "enhanced in \"{0}\" is {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "550 5.1.1 User unknown                      | 5.1.1",
            "Sorry, no mailbox here by that name. (#5.1.1) | 5.1.1",
            "550-5.1.1 The email account                 | 5.1.1",
            "host [192.0.2.25] said: 550 5.7.1 blocked   | 5.7.1",
            "connect to 192.0.2.25:25: timed out         | -",
            "at 10.5.1.1 we failed                        | -",
            "Status 5.1.1.                                | 5.1.1",
            "version 5.1.1.2 of the software              | -",
            "3.1.1 is not a class                         | -",
            "4.02.002                                     | 4.2.2"})
    void findsEnhancedCodes(String text, String expected) {
        assertEquals(expected, StatusCodes.enhanced(text));
    }

    @ParameterizedTest(name = "basic in \"{0}\" is {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "550 Requested action not taken              | 550",
            "   550 5.1.1 <a@example.net>: User unknown  | 550",
            "Remote host said: 554 delivery error        | 554",
            "Remote Server returned '550 5.1.10 RESOLVER' | 550",
            "#550 5.1.1 RESOLVER.ADR.RecipNotFound ##     | 550",
            "(reason: 550 Host unknown)                   | 550",
            "<<< 452 4.2.2 Over quota                     | 452",
            "421-4.7.0 rate limited                       | 421",
            "The message was 550 bytes too long           | -",
            "Tue, 4 Mar 2025 10:50:00 GMT                 | -",
            "connect to host [192.0.2.25]:25 refused      | -",
            "250 2.0.0 Ok                                 | 250",
            "600 not a reply code                         | -"})
    void findsBasicReplyCodesWhereRepliesStart(String text, Integer expected) {
        assertEquals(expected, StatusCodes.basic(text));
    }

    @ParameterizedTest(name = "\"{0}\" without comments")
    @CsvSource(delimiter = '|', value = {
            "5.1.1 (bad destination mailbox address) | 5.1.1",
            "(a (nested) comment)4.2.2               | 4.2.2",
            "5.1.1 (escaped \\) paren) x             | 5.1.1 x",
            "no comment at all                       | no comment at all"})
    void removesComments(String value, String expected) {
        assertEquals(expected, StatusCodes.withoutComments(value).strip().replaceAll("\\s+", " "));
    }
}
