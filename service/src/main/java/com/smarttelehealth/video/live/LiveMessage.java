package com.smarttelehealth.video.live;

import com.smarttelehealth.video.event.EventView;

/** One message of a live stream: an event at its cursor, or a keep-alive comment (no event). */
public record LiveMessage(String id, EventView event) {

    static final LiveMessage KEEP_ALIVE = new LiveMessage(null, null);

    boolean isKeepAlive() {
        return event == null;
    }
}
