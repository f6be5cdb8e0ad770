package org.smtpeter.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChangesTest {

    public record Flags(boolean trackClicks, boolean trackOpens) {
    }

    public record View(String url, List<String> eventTypes, boolean enabled, Flags flags) {
    }

    public record Other(String url) {
    }

    private static final View BEFORE = new View("https://a.example/hook", List.of(), true, new Flags(true, true));

    @Test
    void nothingChangedIsEmpty() {
        assertEquals("", Changes.between(BEFORE, new View("https://a.example/hook", List.of(), true,
                new Flags(true, true))));
    }

    @Test
    void flagsSayOnOrOffAndOtherValuesOldAndNew() {
        View after = new View("https://b.example/hook", List.of("bounced"), false, new Flags(true, true));
        assertEquals("url: https://a.example/hook → https://b.example/hook, eventTypes: [] → [bounced], enabled off",
                Changes.between(BEFORE, after));
    }

    @Test
    void nestedViewsAreWalkedInto() {
        View after = new View("https://a.example/hook", List.of(), true, new Flags(false, true));
        assertEquals("trackClicks off", Changes.between(BEFORE, after));
    }

    @Test
    void ignoredFieldsAreLeftOut() {
        View after = new View("https://a.example/hook", List.of(), false, new Flags(true, false));
        assertEquals("trackOpens off", Changes.between(BEFORE, after, "enabled"));
    }

    @Test
    void aValueSetOrClearedShowsNone() {
        assertEquals("url: (none) → https://a.example/", Changes.between(new Other(null), new Other("https://a.example/")));
        assertEquals("url: https://a.example/ → (none)", Changes.between(new Other("https://a.example/"), new Other("")));
    }

    @Test
    void viewsOfDifferentThingsAreNotCompared() {
        assertThrows(IllegalArgumentException.class, () -> Changes.between(BEFORE, new Other("x")));
    }
}
