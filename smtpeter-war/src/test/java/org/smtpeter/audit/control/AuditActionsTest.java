package org.smtpeter.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditActionsTest {

    @Test
    void everyDeclaredActionIsAWellFormedCode() {
        Arrays.stream(AuditActions.class.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(AuditActionsTest::value).forEach(code -> assertEquals(code, AuditActions.check(code)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "credential", "Credential.created", "credential.", ".created", "credential created",
            "credential.created%", "credential_created.x"})
    void anythingElseIsRefused(String action) {
        assertThrows(IllegalArgumentException.class, () -> AuditActions.check(action));
    }

    @Test
    void aCodeLongerThanItsColumnIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuditActions.check("a." + "b".repeat(63)));
        assertThrows(IllegalArgumentException.class, () -> AuditActions.check(null));
    }

    @Test
    void aFilterIsTheStartOfACodeInLowerCase() {
        assertEquals("credential.", AuditActions.prefix(" Credential. "));
        assertEquals("domain.key-rotated", AuditActions.prefix("domain.key-rotated"));
        assertNull(AuditActions.prefix("  "));
        assertNull(AuditActions.prefix(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"credential%", "a_b", "x' OR 1=1", "domain.*"})
    void aFilterWithWhatNoCodeHoldsIsRefusedSoItNeedsNoEscaping(String filter) {
        assertThrows(IllegalArgumentException.class, () -> AuditActions.prefix(filter));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
