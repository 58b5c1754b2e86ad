package com.smarttelehealth.video.recording;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RecordingRepository implements PanacheRepository<Recording> {

    public Optional<Recording> findByRecordingId(String recordingId) {
        return find("recordingId", recordingId).firstResultOptional();
    }

    public List<Recording> findRecording(long sessionPk) {
        return list("sessionPk = ?1 and status in ?2", sessionPk, List.of(RecordingStatus.STARTED, RecordingStatus.PAUSED));
    }

    public List<Recording> findBySession(long sessionPk) {
        return list("sessionPk", Sort.by("createdAt").and("id"), sessionPk);
    }
}
