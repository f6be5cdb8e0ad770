package org.smtpeter.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /**
     * The example of the Standard Webhooks reference libraries (standard-webhooks, svix). The same
     * value, computed independently:
     * <pre>
     * python3 -c "import hmac, hashlib, base64; print(base64.b64encode(hmac.new(
     *   base64.b64decode('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'),
     *   b'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}', hashlib.sha256).digest()).decode())"
     * </pre>
     */
    @Test
    void signsAsTheReferenceLibrariesDo() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330L, "{\"test\": 2432232314}"));
    }

    /** Another id, time or body is another signature: none of them can be replayed with a changed part. */
    @Test
    void everyPartIsSigned() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String reference = WebhookSignature.sign(secret, "msg_1", 1614265330L, "{}");
        assertNotEquals(reference, WebhookSignature.sign(secret, "msg_2", 1614265330L, "{}"));
        assertNotEquals(reference, WebhookSignature.sign(secret, "msg_1", 1614265331L, "{}"));
        assertNotEquals(reference, WebhookSignature.sign(secret, "msg_1", 1614265330L, "{ }"));
    }

    @Test
    void aNewSecretHas32RandomBytes() {
        String secret = WebhookSignature.newSecret();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, WebhookSignature.newSecret());
    }

    @Test
    void aSecretWithoutItsPrefixIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> WebhookSignature.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1L, "{}"));
    }
}
