#pragma once
// The recording of one rung of one hall (the top, the source as it comes, or
// a rung of its ladder): the relay's own segments, each in a file named as
// it was live, under one directory per UTC day, with an append-only index of
// them by program date (recorded_segment.hpp). A replay is a slice of this
// index; nothing is re-encoded.
//
// Crash safety: a segment's file is written and synced before its index line
// is appended and synced, so after a kill -9 (or a power cut) the index names
// only whole files; the segment being written at the time is all that is
// lost. A line torn by a crash is skipped when the index is read back.
//
// Threads: the media thread asks for writes (record, record_gap), the
// recording worker does them (write_*), network threads read (slice,
// file_of, bytes). The in-memory index is guarded by a mutex that is held
// only to copy or append entries, never across disk I/O.

#include "media/recorded_segment.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace veche::media {

class recording_worker;

class rung_recording {
public:
    // hall_bytes: the hall's total on disk, kept up to date by each of its rungs (read by /metrics).
    rung_recording(std::filesystem::path dir, recording_worker& worker,
                   std::shared_ptr<std::atomic<std::int64_t>> hall_bytes);
    ~rung_recording();
    rung_recording(const rung_recording&) = delete;
    rung_recording& operator=(const rung_recording&) = delete;

    // Start-up, before any write: reads back every day's index. Returns the number of segments found.
    std::size_t load();

    // Media thread: queue a live segment (its live name, date, duration and bytes) or a stretch of slate.
    void record(const std::string& name, std::int64_t program_date_ms, double duration_s, bool discontinuity,
                std::shared_ptr<const std::string> data);
    void record_gap(std::int64_t program_date_ms, double duration_s);

    // Recording worker.
    std::error_code write_segment(recorded_segment entry, std::string_view data);
    std::error_code write_gap(const recorded_segment& entry);
    // Deletes the days that ended before cutoff_ms (ms since the Unix epoch); returns the bytes freed.
    std::uint64_t expire(std::int64_t cutoff_ms);

    // Any thread. Entries that overlap [from_ms, to_ms), by program date.
    std::vector<recorded_segment> slice(std::int64_t from_ms, std::int64_t to_ms) const;
    // The file of the segment `name` if it overlaps [from_ms, to_ms); the path is built from the index's own
    // entry (its day and name), never from what a request said.
    std::optional<std::filesystem::path> file_of(std::string_view name, std::int64_t from_ms, std::int64_t to_ms) const;
    // Segments are cut at most this long (the segmenter's target is at most 10 s; a long GOP stretches it).
    static constexpr std::int64_t longest_segment_ms = 60'000;
    std::uint64_t bytes() const;
    // The start of the earliest entry kept (segment or gap) and the end of the latest; nothing when there is none.
    std::optional<std::int64_t> recorded_from() const;
    std::optional<std::int64_t> recorded_until() const;
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::error_code append_line(const std::string& day, const std::string& line);
    void add(recorded_segment entry);
    // Calls fn(entry) for the entries overlapping [from_ms, to_ms) until it returns false; mutex_ held.
    template <typename Fn>
    void each_in(std::int64_t from_ms, std::int64_t to_ms, Fn&& fn) const;

    std::filesystem::path dir_;
    recording_worker& worker_;
    std::shared_ptr<std::atomic<std::int64_t>> hall_bytes_;

    mutable std::mutex mutex_;
    std::vector<recorded_segment> entries_;  // by program date
    std::uint64_t bytes_ = 0;

    // The recording worker's own.
    int index_fd_ = -1;
    std::string index_day_;
};

}  // namespace veche::media
