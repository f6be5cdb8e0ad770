package org.smtpeter.smtp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StartupChecksTest {

    private final StartupChecks checks = new StartupChecks();
    private final List<String> opened = new ArrayList<>();

    @Test
    void listenersWaitForTheApplicationsChecks() {
        checks.afterApplicationPassed(() -> opened.add("submission"));
        checks.afterApplicationPassed(() -> opened.add("mta"));
        assertEquals(List.of(), opened);

        checks.applicationPassed();
        assertEquals(List.of("submission", "mta"), opened);

        checks.afterApplicationPassed(() -> opened.add("smtps"));
        assertEquals(List.of("submission", "mta", "smtps"), opened, "after the checks, at once");
    }

    @Test
    void aNewDeploymentIsCheckedAgain() {
        checks.applicationPassed();
        checks.applicationStopped();

        checks.afterApplicationPassed(() -> opened.add("submission"));
        assertEquals(List.of(), opened);
        checks.applicationPassed();
        assertEquals(List.of("submission"), opened);
    }

    @Test
    void aStoppedApplicationForgetsWhatWaited() {
        checks.afterApplicationPassed(() -> opened.add("submission"));
        checks.applicationStopped();
        checks.applicationPassed();
        assertEquals(List.of(), opened);
    }
}
