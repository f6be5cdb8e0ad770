package org.smtpeter.intake.control;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ApiUploadsTest {

    private final ApiUploads uploads = new ApiUploads();

    @Test
    void requestsShareTheBudgetAndGiveItBackWhenDone() {
        ApiUploads.Share first = uploads.tryReserve(ApiUploads.BUDGET_BYTES / 2);
        ApiUploads.Share second = uploads.tryReserve(ApiUploads.BUDGET_BYTES / 2);
        assertNotNull(first);
        assertNotNull(second);
        assertNull(uploads.tryReserve(1), "the budget is used up");

        first.close();

        assertNotNull(uploads.tryReserve(1024));
    }

    @Test
    void aRequestLargerThanTheBudgetTakesAllOfItRatherThanNeverGettingIn() {
        try (ApiUploads.Share whole = uploads.tryReserve(10 * ApiUploads.BUDGET_BYTES)) {
            assertNotNull(whole);
            assertNull(uploads.tryReserve(1));
        }
        assertNotNull(uploads.tryReserve(ApiUploads.BUDGET_BYTES));
    }
}
