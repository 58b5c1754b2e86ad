package com.smarttelehealth.video.common.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {"items": [...], "page": 0, "size": 20, "total": 57}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static <E, T> PageResponse<T> of(List<E> items, PageRequest request, long total, Function<E, T> mapper) {
        return new PageResponse<>(items.stream().map(mapper).toList(), request.page(), request.size(), total);
    }
}
