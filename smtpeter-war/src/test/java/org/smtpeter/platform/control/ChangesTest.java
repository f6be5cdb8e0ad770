package org.smtpeter.platform.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChangesTest {

    @Test
    void anEntryLoadedWhileTheSourceChangedIsStaleEvenIfStoredAfterTheChange() {
        Changes changes = new Changes();
        long seenBeforeLoading = changes.seen();
        changes.changed(); // the commit's after-completion step, while the load was still reading the old rows
        assertTrue(changes.since(seenBeforeLoading));
    }

    @Test
    void anEntryLoadedAfterTheLastChangeIsCurrent() {
        Changes changes = new Changes();
        changes.changed();
        long seen = changes.seen();
        assertFalse(changes.since(seen));
    }
}
