package com.smarttelehealth.video.common.observability;

import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * A warning that a burst of failures would repeat thousands of times: logged at most once per period, counting the
 * failures since the last line; the ones in between go to DEBUG.
 */
public final class ThrottledWarning {

    private final Logger log;
    private final long periodMillis;
    private final String format;
    private final AtomicLong lastLogged = new AtomicLong();
    private final AtomicLong since = new AtomicLong();

    /** {@code format} takes the count, the period in seconds and the failure's message. */
    public ThrottledWarning(Logger log, long periodMillis, String format) {
        this.log = log;
        this.periodMillis = periodMillis;
        this.format = format;
    }

    public void failed(Throwable failure) {
        long count = since.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= periodMillis && lastLogged.compareAndSet(last, now)) {
            since.addAndGet(-count);
            log.warnf(format, count, periodMillis / 1000, failure.getMessage());
        } else {
            log.debugf("%s", failure.getMessage());
        }
    }
}
