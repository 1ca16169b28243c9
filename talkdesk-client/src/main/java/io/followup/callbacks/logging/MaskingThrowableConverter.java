package io.followup.callbacks.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.followup.callbacks.talkdesk.PhoneMask;

/** Logback {@code %maskedEx}: stack traces with every phone number in their messages masked. */
public class MaskingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return PhoneMask.maskAll(super.throwableProxyToString(proxy));
    }
}
