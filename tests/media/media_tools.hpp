#pragma once
// What the media tests use besides the server: a real encoder (ffmpeg, sending
// over SRT as a venue's would), a real player (ffprobe) and a reader of the
// playlists the server writes.

#include <atomic>
#include <chrono>
#include <map>
#include <condition_variable>
#include <mutex>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace veche::test {

// The demo config with one hall, "main", whose source is srt://:PORT plus `query` (e.g. "?streamid=x").
nlohmann::json srt_hall_config(std::uint16_t port, const std::string& query = {});

// The hall's stream status as GET /api/v1/event reports it.
std::string hall_status(std::uint16_t server_port, const std::string& hall);
// Polls the status every 100 ms until it is `status`; returns how long that took, or nothing past the timeout.
std::optional<std::chrono::milliseconds> wait_for_status(std::uint16_t server_port, const std::string& hall,
                                                         const std::string& status, std::chrono::milliseconds timeout);

// A UDP port that nothing uses at the moment (for the SRT listener of a hall).
std::uint16_t free_udp_port();

// ffmpeg encoding the DESIGN.md test picture (1280x720, 30 fps, 1 s GOP, 2.5 Mbit/s H.264 + AAC) in real time
// and sending it to srt://127.0.0.1:PORT as a caller. Like a venue's encoder (OBS, a hardware box) it calls
// again half a second after a failed or dropped connection, until it is killed (SIGKILL, as a pulled cable).
// Tests about alignment rather than picture quality send a smaller picture at a lower rate.
class encoder {
public:
    explicit encoder(std::uint16_t port, const std::string& srt_options = {}, const std::string& size = "1280x720",
                     const std::string& video_rate = "2500k");
    ~encoder();
    encoder(const encoder&) = delete;
    encoder& operator=(const encoder&) = delete;

    void kill();
    // How many times ffmpeg was started.
    int attempts() const { return attempts_; }

private:
    void supervise(std::vector<std::string> args);

    std::mutex mutex_;
    std::condition_variable stop_;
    bool stopping_ = false;
    pid_t pid_ = -1;
    std::atomic<int> attempts_{0};
    std::thread thread_;
};

// Runs a command line through the shell with a time limit; returns its standard output.
std::string run_command(const std::string& command, std::chrono::seconds timeout);

// ffprobe -show_streams on a URL or file, as JSON (throws when ffprobe fails).
nlohmann::json probe_streams(const std::string& url, std::chrono::seconds timeout = std::chrono::seconds(30));

// The PTS (90 kHz) of the first PES packet of a video (stream id 0xE0…) or audio (0xC0…) stream in a
// segment's MPEG-TS; nothing when it has none.
std::optional<std::int64_t> first_pts(const std::string& ts, bool video);

// An EXT-X-PROGRAM-DATE-TIME as the server writes it ("2026-12-10T07:00:01.234Z", UTC), in ms since the epoch.
std::int64_t program_date_ms(const std::string& date);

struct hls_playlist {
    struct entry {
        std::string name;
        double duration = 0;
        bool discontinuity = false;
        bool dated = false;
        std::string date;  // its EXT-X-PROGRAM-DATE-TIME
    };
    int target_duration = -1;
    long long media_sequence = -1;
    long long discontinuity_sequence = 0;
    bool ended = false;
    std::vector<entry> segments;

    static hls_playlist parse(const std::string& text);
    // The sequence number of the i-th segment.
    long long sequence_of(std::size_t i) const { return media_sequence + static_cast<long long>(i); }
};

// One EXT-X-STREAM-INF of a multivariant playlist: its attributes as written, and its URI.
struct hls_variant {
    std::map<std::string, std::string> attributes;  // quotes removed
    std::string uri;
};
std::vector<hls_variant> parse_master(const std::string& text);

}  // namespace veche::test
