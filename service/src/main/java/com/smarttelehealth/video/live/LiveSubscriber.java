package com.smarttelehealth.video.live;

import com.smarttelehealth.video.event.EventStore.Cursor;
import com.smarttelehealth.video.event.EventStore.FeedEvent;
import com.smarttelehealth.video.event.EventType;

import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One open stream: whose it is, how far it has been sent, and where its messages go. Its buffer is bounded by the
 * stream ({@link LiveFeed#BUFFER}): a reader that falls that far behind is closed, and resumes with
 * {@code Last-Event-ID}.
 */
final class LiveSubscriber {

    final String userId;
    final boolean operator;
    private final MultiEmitter<? super LiveMessage> emitter;
    private volatile Cursor cursor;
    private volatile boolean done;

    LiveSubscriber(String userId, boolean operator, Cursor cursor, MultiEmitter<? super LiveMessage> emitter) {
        this.userId = userId;
        this.operator = operator;
        this.cursor = cursor;
        this.emitter = emitter;
    }

    Cursor cursor() {
        return cursor;
    }

    boolean isDone() {
        return done || emitter.isCancelled();
    }

    /**
     * Sends the event unless it was sent already. The stream ends after {@code session_ended}, and after the
     * subscriber's own removal from the session: from then on they may not see it.
     */
    synchronized void deliver(FeedEvent event) {
        if (isDone() || event.cursor().compareTo(cursor) <= 0) {
            return;
        }
        emitter.emit(new LiveMessage(event.cursor().toString(), event.event()));
        cursor = event.cursor();
        EventType type = event.event().type();
        if (type == EventType.SESSION_ENDED || (type == EventType.PARTICIPANT_REMOVED && !operator
                && userId.equals(event.event().details().get("userId")))) {
            end();
        }
    }

    synchronized void keepAlive() {
        if (!isDone()) {
            emitter.emit(LiveMessage.KEEP_ALIVE);
        }
    }

    synchronized void end() {
        if (!done) {
            done = true;
            emitter.complete();
        }
    }
}
