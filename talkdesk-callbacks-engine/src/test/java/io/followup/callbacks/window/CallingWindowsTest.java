package io.followup.callbacks.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.settings.InvalidTalkdeskConfigurationException;
import io.followup.callbacks.settings.TalkdeskProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallingWindowsTest {

    static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    static TalkdeskProperties.Windows settings() {
        return new TalkdeskProperties().getWindows();
    }

    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static CallingWindows.Verdict judge(CallingWindows windows, Instant time, ZoneId zone, AssignType type,
            List<String> assignees) {
        return windows.judge(time, List.of(zone), type, assignees, CallingWindows.Overrides.NONE, NOW);
    }

    @Test
    void shouldMoveASundayCallbackOfARingGroupClosedOnSundaysToMondaysOpening() {
        TalkdeskProperties.Windows settings = settings();
        settings.setZone("Europe/Lisbon");
        settings.setRingGroupHours(Map.of("support-tier-1", "MON-FRI 09:00-18:00"));
        CallingWindows windows = CallingWindows.from(settings);

        CallingWindows.Verdict verdict = judge(windows, at("2026-12-06T11:00", LISBON), LISBON,
                AssignType.SPECIFIC_RING_GROUP, List.of("support-tier-1"));

        assertThat(verdict).isInstanceOfSatisfying(CallingWindows.Moved.class, moved -> {
            assertThat(moved.time()).isEqualTo(at("2026-12-07T09:00", LISBON));
            assertThat(moved.reason()).startsWith("Ring group support-tier-1 is closed on Sundays")
                    .contains("Sunday 6 December 11:00 Europe/Lisbon").contains("Monday 7 December 09:00");
        });
    }

    @Test
    void shouldSayWhenTheRingGroupOpensNextWhenTheRequestGoesToTheReview() {
        TalkdeskProperties.Windows settings = settings();
        settings.setZone("Europe/Lisbon");
        settings.setOutside(OutsideWindow.REVIEW);
        settings.setRingGroupHours(Map.of("support-tier-1", "MON-FRI 09:00-18:00"));

        CallingWindows.Verdict verdict = judge(CallingWindows.from(settings), at("2026-12-06T11:00", LISBON), LISBON,
                AssignType.SPECIFIC_RING_GROUP, List.of("support-tier-1"));

        assertThat(verdict).isInstanceOfSatisfying(CallingWindows.Outside.class, outside -> {
            assertThat(outside.message()).isEqualTo("Ring group support-tier-1 is closed on Sundays; the next open "
                    + "time is Monday 7 December 09:00 Europe/Lisbon (09:00 UTC)");
            assertThat(outside.next()).contains(at("2026-12-07T09:00", LISBON));
        });
    }

    @Test
    void shouldAllow2059AndMove2101UnderUsTcpa() {
        CallingWindows windows = CallingWindows.from(settings()); // US_TCPA by default

        assertThat(judge(windows, at("2026-12-02T20:59", NEW_YORK), NEW_YORK, AssignType.SPECIFIC_AGENT,
                List.of("a-1"))).isInstanceOf(CallingWindows.Inside.class);
        assertThat(judge(windows, at("2026-12-02T21:01", NEW_YORK), NEW_YORK, AssignType.SPECIFIC_AGENT,
                List.of("a-1"))).isInstanceOfSatisfying(CallingWindows.Moved.class, moved -> {
                    assertThat(moved.time()).isEqualTo(at("2026-12-03T08:00", NEW_YORK));
                    assertThat(moved.reason()).startsWith("The customer's calling window (US_TCPA) is closed at 21:01 "
                            + "America/New_York");
                });
    }

    @Test
    void shouldKeepLocalHoursOnDaylightSavingChangeDays() {
        CallingWindows windows = CallingWindows.from(settings());
        // Lisbon springs forward on 2027-03-28 (01:00 -> 02:00), New York on 2027-03-14 (02:00 -> 03:00)
        assertThat(windows.judge(at("2027-03-28T07:30", LISBON), List.of(LISBON), AssignType.SPECIFIC_AGENT,
                List.of("a"), CallingWindows.Overrides.NONE, Instant.parse("2027-03-27T12:00:00Z")))
                .isInstanceOfSatisfying(CallingWindows.Moved.class, moved ->
                        assertThat(moved.time()).isEqualTo(Instant.parse("2027-03-28T07:00:00Z")));
        assertThat(windows.judge(at("2027-03-14T07:30", NEW_YORK), List.of(NEW_YORK), AssignType.SPECIFIC_AGENT,
                List.of("a"), CallingWindows.Overrides.NONE, Instant.parse("2027-03-13T12:00:00Z")))
                .isInstanceOfSatisfying(CallingWindows.Moved.class, moved ->
                        assertThat(moved.time()).isEqualTo(Instant.parse("2027-03-14T12:00:00Z")));
        // autumn: Lisbon falls back on 2027-10-31 (02:00 -> 01:00); 20:59 local is 20:59 UTC, 21:00 is closed
        Instant before = Instant.parse("2027-10-30T12:00:00Z");
        assertThat(windows.judge(at("2027-10-31T20:59", LISBON), List.of(LISBON), AssignType.SPECIFIC_AGENT,
                List.of("a"), CallingWindows.Overrides.NONE, before)).isInstanceOf(CallingWindows.Inside.class);
        assertThat(windows.judge(Instant.parse("2027-10-31T21:00:00Z"), List.of(LISBON), AssignType.SPECIFIC_AGENT,
                List.of("a"), CallingWindows.Overrides.NONE, before))
                .isInstanceOfSatisfying(CallingWindows.Moved.class, moved ->
                        assertThat(moved.time()).isEqualTo(Instant.parse("2027-11-01T08:00:00Z")));
    }

    @Test
    void shouldSkipAPublicHolidayOfTheContactCenter() {
        TalkdeskProperties.Windows settings = settings();
        settings.setCustomer(CustomerWindow.NONE);
        settings.setZone("Europe/Lisbon");
        settings.setOpeningHours("MON-FRI 09:00-18:00");
        settings.setHolidays("PT");

        CallingWindows.Verdict verdict = judge(CallingWindows.from(settings), at("2026-12-08T10:00", LISBON), LISBON,
                AssignType.SPECIFIC_AGENT, List.of("a-1"));

        assertThat(verdict).isInstanceOfSatisfying(CallingWindows.Moved.class, moved -> {
            assertThat(moved.time()).isEqualTo(at("2026-12-09T09:00", LISBON));
            assertThat(moved.reason()).startsWith("The contact center is closed on Tuesday 8 December 2026 (");
        });
    }

    @Test
    void shouldOpenOnAnExtraOpeningAndCloseOnAClosedDate() {
        TalkdeskProperties.Windows settings = settings();
        settings.setCustomer(CustomerWindow.NONE);
        settings.setZone("Europe/Lisbon");
        settings.setOpeningHours("MON-FRI 09:00-18:00");
        settings.setClosedDates(List.of("2026-12-07"));
        settings.setExtraOpenings(List.of("2026-12-06 10:00-14:00"));
        CallingWindows windows = CallingWindows.from(settings);

        assertThat(judge(windows, at("2026-12-06T11:00", LISBON), LISBON, AssignType.SPECIFIC_AGENT, List.of("a")))
                .isInstanceOf(CallingWindows.Inside.class);
        assertThat(judge(windows, at("2026-12-06T15:00", LISBON), LISBON, AssignType.SPECIFIC_AGENT, List.of("a")))
                .isInstanceOfSatisfying(CallingWindows.Moved.class, moved ->
                        assertThat(moved.time()).isEqualTo(at("2026-12-08T09:00", LISBON)));
    }

    @Test
    void shouldKeepUkOfcomsHoursAndBankHolidays() {
        TalkdeskProperties.Windows settings = settings();
        settings.setCustomer(CustomerWindow.UK_OFCOM);
        CallingWindows windows = CallingWindows.from(settings);

        // Saturday before 09:00, Sunday, Christmas Day (a Friday in 2026), Boxing Day observed on Monday 28th
        assertThat(judge(windows, at("2026-12-05T08:30", LONDON), LONDON, AssignType.SPECIFIC_AGENT, List.of("a")))
                .isInstanceOfSatisfying(CallingWindows.Moved.class, moved ->
                        assertThat(moved.time()).isEqualTo(at("2026-12-05T09:00", LONDON)));
        assertThat(judge(windows, at("2026-12-06T12:00", LONDON), LONDON, AssignType.SPECIFIC_AGENT, List.of("a")))
                .isInstanceOfSatisfying(CallingWindows.Moved.class, moved ->
                        assertThat(moved.time()).isEqualTo(at("2026-12-07T08:00", LONDON)));
        assertThat(judge(windows, at("2026-12-25T12:00", LONDON), LONDON, AssignType.SPECIFIC_AGENT, List.of("a")))
                .isInstanceOfSatisfying(CallingWindows.Moved.class, moved -> {
                    assertThat(moved.time()).isAfter(at("2026-12-26T00:00", LONDON));
                    assertThat(moved.reason()).contains("is closed on Friday 25 December 2026");
                });
    }

    @Test
    void shouldRefuseATimeBeyondTheHorizonInEitherMode() {
        CallingWindows windows = CallingWindows.from(settings());

        CallingWindows.Verdict verdict = judge(windows, NOW.plus(Duration.ofDays(31)), LISBON,
                AssignType.SPECIFIC_AGENT, List.of("a"));

        assertThat(verdict).isInstanceOfSatisfying(CallingWindows.Outside.class, outside ->
                assertThat(outside.message()).contains("is 31 days ahead: callbacks are booked at most 30 days ahead"));
    }

    @Test
    void shouldApplyTheCallingWindowInEveryZoneOfASafeWindow() {
        CallingWindows windows = CallingWindows.from(settings());
        List<ZoneId> us = List.of(NEW_YORK, ZoneId.of("America/Los_Angeles"));

        // 09:00 in New York is 06:00 in Los Angeles: the earliest both allow is 11:00 New York, 08:00 Los Angeles
        CallingWindows.Verdict verdict = windows.judge(at("2026-12-02T09:00", NEW_YORK), us, AssignType.SPECIFIC_AGENT,
                List.of("a"), CallingWindows.Overrides.NONE, NOW);

        assertThat(verdict).isInstanceOfSatisfying(CallingWindows.Moved.class, moved ->
                assertThat(moved.time()).isEqualTo(at("2026-12-02T11:00", NEW_YORK)));
    }

    @Test
    void shouldTakeARequestsOwnWindowOverTheConfiguredOne() {
        CallingWindows windows = CallingWindows.from(settings());
        CallingWindows.Overrides none = new CallingWindows.Overrides(CustomerWindow.NONE, null, null);
        CallingWindows.Overrides custom = new CallingWindows.Overrides(CustomerWindow.CUSTOM,
                WeeklyHours.parse("MON-FRI 12:00-13:00"), OutsideWindow.REVIEW);

        assertThat(windows.judge(at("2026-12-02T03:30", LISBON), List.of(LISBON), AssignType.SPECIFIC_AGENT,
                List.of("a"), none, NOW)).isInstanceOf(CallingWindows.Inside.class);
        assertThat(windows.judge(at("2026-12-02T10:00", LISBON), List.of(LISBON), AssignType.SPECIFIC_AGENT,
                List.of("a"), custom, NOW)).isInstanceOfSatisfying(CallingWindows.Outside.class, outside ->
                        assertThat(outside.next()).contains(at("2026-12-02T12:00", LISBON)));
    }

    @Test
    void shouldNameEveryBadSettingAtStartup() {
        TalkdeskProperties.Windows settings = settings();
        settings.setZone("Mars/Olympus");
        settings.setCustomer(CustomerWindow.CUSTOM);
        settings.setOpeningHours("MON-FRI 09:00-18:00 17:00-19:00");
        settings.setRingGroupHours(Map.of("vip", ""));
        settings.setHolidays("XX");
        settings.setClosedDates(List.of("24/12"));

        assertThatThrownBy(() -> CallingWindows.from(settings))
                .isInstanceOfSatisfying(InvalidTalkdeskConfigurationException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("talkdesk.windows.zone: 'Mars/Olympus'"))
                        .anyMatch(p -> p.startsWith("talkdesk.windows.customer-hours: is empty"))
                        .anyMatch(p -> p.startsWith("talkdesk.windows.opening-hours: Monday 09:00-18:00 and "
                                + "17:00-19:00 overlap"))
                        .anyMatch(p -> p.startsWith("talkdesk.windows.ring-group-hours.vip: is empty"))
                        .anyMatch(p -> p.startsWith("talkdesk.windows.holidays: 'XX' is not a holiday calendar"))
                        .anyMatch(p -> p.startsWith("talkdesk.windows.closed-dates: '24/12'")));
    }
}
