package org.smtpeter.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The test's reader of Payara's /metrics output, on lines as Payara Micro 6.2025.10 writes them. */
class PrometheusTextTest {

    private static final String PAYARA = """
            # TYPE smtpeter_smtp_auth_total gauge
            # HELP smtpeter_smtp_auth_total AUTH attempts by result
            smtpeter_smtp_auth_total{mp_scope="application",result="failure",role="mta"} 0
            smtpeter_smtp_auth_total{mp_scope="application",result="success",role="submission"} 12
            # TYPE smtpeter_smtp_acceptance_seconds summary
            smtpeter_smtp_acceptance_seconds{mp_scope="application",role="smtps",quantile="0.5"} 0.0125
            smtpeter_smtp_acceptance_seconds_count{mp_scope="application",role="smtps"} 3.0
            smtpeter_queue_size{mp_scope="application",state="queued"} NaN
            base_up 1 1700000000000
            """;

    @Test
    void seriesAreFoundWhateverTheLabelOrder() {
        PrometheusText text = PrometheusText.parse(PAYARA);
        assertEquals(12, text.value(PrometheusText.series("smtpeter_smtp_auth_total", "role", "submission", "result", "success")));
        assertEquals(0.0125, text.value(PrometheusText.series("smtpeter_smtp_acceptance_seconds",
                "quantile", "0.5", "role", "smtps")));
        assertEquals(3, text.value(PrometheusText.series("smtpeter_smtp_acceptance_seconds_count", "role", "smtps")));
        assertTrue(Double.isNaN(text.value(PrometheusText.series("smtpeter_queue_size", "state", "queued"))));
        assertEquals(1, text.value("base_up"));
        assertEquals(6, text.size());
    }

    @Test
    void aMissingSeriesReadsAsZero() {
        PrometheusText text = PrometheusText.parse(PAYARA);
        assertFalse(text.has(PrometheusText.series("smtpeter_smtp_auth_total", "role", "smtps", "result", "success")));
        assertEquals(0, text.value(PrometheusText.series("smtpeter_smtp_auth_total", "role", "smtps", "result", "success")));
    }
}
