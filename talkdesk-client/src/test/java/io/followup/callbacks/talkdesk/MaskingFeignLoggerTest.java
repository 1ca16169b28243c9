package io.followup.callbacks.talkdesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingFeignLoggerTest {

    @Test
    void shouldMaskPhoneNumberInLoggedQuery() {
        String logged = MaskingFeignLogger.maskedTarget(
                "https://api.talkdeskapp.com/schedule-callbacks?phone_number=%2B351912345678&status=UNATTEMPTED&page=2");

        assertThat(logged).isEqualTo("/schedule-callbacks?phone_number=+35191*****78&status=UNATTEMPTED&page=2");
    }
}
