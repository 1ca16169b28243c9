package io.followup.callbacks.request;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The one place phone numbers are parsed (libphonenumber); {@link io.followup.callbacks.talkdesk.PhoneMask} masks them. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private PhoneNumbers() {
    }

    /**
     * {@code raw} in E.164, when it is a valid number: with a leading {@code +} (or {@code 00}) in any case, in
     * national format only with {@code region} (ISO 3166, such as {@code PT}).
     */
    public static Optional<String> toE164(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        String parseRegion = region == null || region.isBlank() ? "ZZ" : region.strip().toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = UTIL.parse(text, parseRegion);
            return UTIL.isValidNumber(number)
                    ? Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code region} is a region code libphonenumber knows, such as {@code PT} or {@code US}. */
    public static boolean isKnownRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * The IANA zones an E.164 number maps to, by libphonenumber's prefix data: one for most fixed lines, several for
     * a US toll-free number or a mobile number of a large country, none when unknown.
     */
    public static List<ZoneId> zonesOf(String e164) {
        try {
            PhoneNumber number = UTIL.parse(e164, null);
            List<ZoneId> zones = new ArrayList<>();
            for (String id : ZONES.getTimeZonesForNumber(number)) {
                if (!id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()) && ZoneId.getAvailableZoneIds()
                        .contains(id)) {
                    zones.add(ZoneId.of(id));
                }
            }
            return List.copyOf(zones);
        } catch (NumberParseException e) {
            return List.of();
        }
    }
}
