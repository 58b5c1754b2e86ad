package com.smarttelehealth.video.provider;

/**
 * What to record: every option of an archive. {@code layoutType} is the provider's layout name
 * ({@code bestFit}, {@code pip}, {@code verticalPresentation}, {@code horizontalPresentation},
 * {@code custom}) and is only set for composed archives.
 */
public record ArchiveSpec(String name, boolean hasAudio, boolean hasVideo, boolean individual, String resolution,
        String layoutType, String stylesheet, boolean manualStreams) {
}
