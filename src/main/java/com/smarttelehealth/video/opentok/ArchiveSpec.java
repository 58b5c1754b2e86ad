package com.smarttelehealth.video.opentok;

/**
 * What to record: every option of an OpenTok archive. {@code layoutType} is OpenTok's own name
 * ({@code bestFit}, {@code pip}, {@code verticalPresentation}, {@code horizontalPresentation},
 * {@code custom}) and is only set for composed archives.
 */
public record ArchiveSpec(String name, boolean hasAudio, boolean hasVideo, boolean individual, String resolution,
        String layoutType, String stylesheet, boolean manualStreams) {
}
