package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathArgumentTest {

    /** The parsed address, or the reply code and enhanced code of the refusal. */
    private static String outcome(String argument, String keyword, boolean allowNull) {
        try {
            return PathArgument.parse(argument, keyword, allowNull).address();
        } catch (InvalidCommandException e) {
            return e.reply().code() + " " + e.reply().enhancedStatus();
        }
    }

    private static PathArgument parse(String argument) throws InvalidCommandException {
        return PathArgument.parse(argument, "FROM", true);
    }

    @ParameterizedTest(name = "{1} {0} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # argument                                      | keyword | null ok | address or refusal
            FROM:<alice@example.com>                        | FROM    | true    | alice@example.com
            from:<alice@example.com>                        | FROM    | true    | alice@example.com
            'FROM: <alice@example.com>'                     | FROM    | true    | alice@example.com
            FROM:<>                                         | FROM    | true    | ''
            TO:<bob@example.com>                            | TO      | false   | bob@example.com
            To:<Postmaster@Example.COM>                     | TO      | false   | Postmaster@Example.COM
            TO:<jörg@bücher.example>                        | TO      | false   | jörg@bücher.example
            TO:<first.last+tag@sub.example.com>             | TO      | false   | first.last+tag@sub.example.com
            TO:<@relay.example:bob@example.com>             | TO      | false   | bob@example.com
            TO:<@r1.example,@r2.example:bob@example.com>    | TO      | false   | bob@example.com
            TO:<>                                           | TO      | false   | 553 5.1.7
            FROM:alice@example.com                          | FROM    | true    | 501 5.5.4
            FROM:<alice@example.com                         | FROM    | true    | 501 5.5.4
            'FROM:'                                         | FROM    | true    | 501 5.5.4
            FROM<alice@example.com>                         | FROM    | true    | 501 5.5.4
            TO:<bob@example.com>                            | FROM    | true    | 501 5.5.4
            FROM:<bob@example.com>                          | TO      | false   | 501 5.5.4
            ''                                              | FROM    | true    | 501 5.5.4
            FROM:<alice>                                    | FROM    | true    | 553 5.1.7
            FROM:<@example.com>                             | FROM    | true    | 553 5.1.7
            FROM:<alice@>                                   | FROM    | true    | 553 5.1.7
            FROM:<alice@.example.com>                       | FROM    | true    | 553 5.1.7
            FROM:<alice@example.com.>                       | FROM    | true    | 553 5.1.7
            FROM:<alice@example..com>                       | FROM    | true    | 553 5.1.7
            FROM:<al ice@example.com>                       | FROM    | true    | 553 5.1.7
            FROM:<al<ice@example.com>                       | FROM    | true    | 553 5.1.7
            """)
    void paths(String argument, String keyword, boolean allowNull, String expected) {
        assertEquals(expected, outcome(argument, keyword, allowNull));
    }

    @Test
    void controlCharactersInTheAddressAreRefused() {
        assertEquals("553 5.1.7", outcome("FROM:<ali\tce@example.com>", "FROM", true));
        assertEquals("553 5.1.7", outcome("FROM:<alice@exam\u007fple.com>", "FROM", true));
    }

    @Test
    void addressLengthIsLimitedTo256() {
        String domain = "@example.com";
        String longest = "a".repeat(256 - domain.length()) + domain;
        assertEquals(longest, outcome("TO:<" + longest + ">", "TO", false));
        assertEquals("553 5.1.7", outcome("TO:<a" + longest + ">", "TO", false));
    }

    @Test
    void parametersKeepTheirOrderWithUpperCaseKeysAndVerbatimValues() throws InvalidCommandException {
        PathArgument path = parse("FROM:<alice@example.com> size=100 BODY=8bitmime SMTPUTF8 ENVID=AbC+2B");
        assertEquals("alice@example.com", path.address());
        assertEquals(List.of("SIZE", "BODY", "SMTPUTF8", "ENVID"), List.copyOf(path.parameters().keySet()));
        assertEquals("100", path.parameters().get("SIZE"));
        assertEquals("8bitmime", path.parameters().get("BODY"));
        assertTrue(path.parameters().containsKey("SMTPUTF8"));
        assertNull(path.parameters().get("SMTPUTF8"));
        assertEquals("AbC+2B", path.parameters().get("ENVID"));
    }

    @Test
    void extraSpacesBetweenParametersAreTolerated() throws InvalidCommandException {
        assertEquals(Map.of("SIZE", "1", "BODY", "7BIT"), parse("FROM:<a@example.com>   SIZE=1    BODY=7BIT  ").parameters());
        assertEquals(Map.of(), parse("FROM:<a@example.com>").parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIZE=1 SIZE=2", "SIZE=1 size=1", "SMTPUTF8 smtputf8"})
    void duplicateParametersAreRefused(String parameters) {
        InvalidCommandException e = assertThrows(InvalidCommandException.class,
                () -> parse("FROM:<a@example.com> " + parameters));
        assertEquals(501, e.reply().code());
        assertTrue(e.reply().text().startsWith("Duplicate parameter"), e.reply().text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIZE=", "=100", "="})
    void malformedParametersAreRefused(String parameter) {
        InvalidCommandException e = assertThrows(InvalidCommandException.class,
                () -> parse("FROM:<a@example.com> " + parameter));
        assertEquals("501 5.5.4", e.reply().code() + " " + e.reply().enhancedStatus());
    }

    @Test
    void internationalizedMeansAnyNonAsciiCharacter() throws InvalidCommandException {
        assertTrue(parse("FROM:<jörg@example.de>").isInternationalized());
        assertTrue(parse("FROM:<info@例え.jp>").isInternationalized());
        assertFalse(parse("FROM:<joerg@example.de>").isInternationalized());
        assertFalse(parse("FROM:<>").isInternationalized());
    }
}
