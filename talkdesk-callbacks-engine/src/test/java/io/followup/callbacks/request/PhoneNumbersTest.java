package io.followup.callbacks.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.talkdesk.PhoneMask;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void shouldMaskAsDocumented() {
        assertThat(PhoneMask.mask("+351912345678")).isEqualTo("+35191*****78");
        assertThat(PhoneMask.mask("912345678")).isEqualTo("91*****78");
        assertThat(PhoneMask.mask("1234")).isEqualTo("***");
        assertThat(PhoneMask.mask(null)).isEqualTo("***");
    }

    @Test
    void shouldMaskEveryNumberInFreeTextButLeaveDatesAndIds() {
        String text = "caller_id +14155550100 invalid; phone_number=%2B351912345678; national 912 345 678; "
                + "time 2027-03-28T01:30:00Z; callback cb-42";

        assertThat(PhoneMask.maskAll(text)).isEqualTo("caller_id +1415*****00 invalid; "
                + "phone_number=+35191*****78; national 91*****78; time 2027-03-28T01:30:00Z; callback cb-42");
    }

    @Test
    void shouldTagAndRecogniseTicketReference() {
        String marked = TicketReference.mark("Invoice question", "T-1", 20);

        assertThat(marked).isEqualTo("[ticket:T-1] Invoice");
        assertThat(TicketReference.isMarkedFor(marked, "T-1")).isTrue();
        assertThat(TicketReference.isMarkedFor("[ticket:T-10] x", "T-1")).isFalse();
        assertThat(TicketReference.mark(null, "T-1", 20)).isEqualTo("[ticket:T-1]");
    }
}
