package org.smtpeter.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class UrlLikeLabelTest {

    @ParameterizedTest(name = "{1}: [{0}]")
    @CsvFileSource(resources = "/links/scam-labels.csv", delimiter = '|', numLinesToSkip = 1)
    void classifiesLabels(String label, String expected) {
        assertEquals(expected.strip().equals("url-like"), UrlLikeLabel.matches(label == null ? "" : label));
    }
}
