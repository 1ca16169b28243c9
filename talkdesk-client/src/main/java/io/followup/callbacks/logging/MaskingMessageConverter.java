package io.followup.callbacks.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.followup.callbacks.talkdesk.PhoneMask;

/** Logback {@code %maskedMsg}: the log message with every phone number masked ({@code +35191*****78}). */
public class MaskingMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PhoneMask.maskAll(event.getFormattedMessage());
    }
}
