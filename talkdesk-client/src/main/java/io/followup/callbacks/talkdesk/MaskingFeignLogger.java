package io.followup.callbacks.talkdesk;

import feign.Request;
import feign.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each Talkdesk call at DEBUG as one line per request and answer: method, path, query with phone numbers masked,
 * status and time. Headers (the bearer token) and bodies (phone numbers, notes) are never logged.
 */
public class MaskingFeignLogger extends feign.Logger {

    private static final Logger LOG = LoggerFactory.getLogger("io.followup.callbacks.talkdesk.http");

    @Override
    protected void logRequest(String configKey, Level logLevel, Request request) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("TDCB-H100 --> {} {}", request.httpMethod(), maskedTarget(request.url()));
        }
    }

    @Override
    protected Response logAndRebufferResponse(String configKey, Level logLevel, Response response, long elapsedTime)
            throws IOException {
        if (LOG.isDebugEnabled()) {
            LOG.debug("TDCB-H200 <-- {} {} {} ({} ms)", response.request().httpMethod(),
                    maskedTarget(response.request().url()), response.status(), elapsedTime);
        }
        return response;
    }

    @Override
    protected IOException logIOException(String configKey, Level logLevel, IOException ioe, long elapsedTime) {
        LOG.debug("TDCB-H599 <-- {} after {} ms", ioe.getClass().getSimpleName(), elapsedTime);
        return ioe;
    }

    @Override
    protected void log(String configKey, String format, Object... args) {
        if (LOG.isTraceEnabled()) {
            LOG.trace(PhoneMask.maskAll(String.format(methodTag(configKey) + format, args)));
        }
    }

    /** The path and query of {@code url}, with every phone-number parameter masked. */
    static String maskedTarget(String url) {
        URI uri = URI.create(url);
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return uri.getRawPath();
        }
        String masked = Arrays.stream(query.split("&")).map(MaskingFeignLogger::maskParameter)
                .collect(Collectors.joining("&"));
        return uri.getRawPath() + "?" + masked;
    }

    private static String maskParameter(String parameter) {
        int eq = parameter.indexOf('=');
        if (eq < 0 || !parameter.substring(0, eq).contains("phone")) {
            return PhoneMask.maskAll(parameter);
        }
        String value = URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
        return parameter.substring(0, eq + 1) + PhoneMask.mask(value);
    }
}
