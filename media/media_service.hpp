#pragma once
// Video for every hall: one relay per configured source, all on one GLib
// thread, publishing HLS from memory. The rest of the server reaches media
// only through this class: the HTTP routes read playlists and segments, the
// API reads statuses, and the hub learns of status changes by subscribing.

#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "core/event_definition.hpp"
#include "media/hls_snapshot.hpp"
#include "media/hall_recording.hpp"
#include "media/recording_worker.hpp"
#include "media/stream_status.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::media {

class glib_loop;
class hall_channel;
class hall_relay;
class state_worker;

class media_service {
public:
    using status_handler = std::function<void(const std::string& hall, stream_status status)>;

    // recordings_dir: data_dir/recordings (each hall records into its own directory below it).
    media_service(const core::event_definition& event, const config::media_settings& settings,
                  std::filesystem::path recordings_dir, metrics_registry& metrics);
    ~media_service();
    media_service(const media_service&) = delete;
    media_service& operator=(const media_service&) = delete;

    // Every status change of every hall is posted to `executor` as handler(hall, status), in the order the
    // changes happen. Subscribe before start().
    void subscribe(boost::asio::any_io_executor executor, status_handler handler);

    // Starts the GLib thread: encodes the slate, then starts every hall's relay. Returns at once.
    void start();
    // Stops every relay and the GLib thread; returns within about a second whatever the sources do (a source
    // that takes longer to close finishes on its own). No status change is posted after it returns.
    void stop();

    // Safe from any thread. An unknown hall is offline and has no playlist.
    stream_status status(std::string_view hall) const;
    // The hall's multivariant playlist (contract 7.4); null for an unknown hall or one with nothing published yet.
    std::shared_ptr<const std::string> master(std::string_view hall) const;
    // A rung's current playlist (rung: a name of the hall's ladder or "audio"; empty: the top, the source as it
    // comes); null for an unknown hall or rung, or one with nothing published yet.
    std::shared_ptr<const std::string> playlist(std::string_view hall, std::string_view rung = {}) const;
    // A segment the rung's playlist lists (or listed a moment ago); null when there is no such segment.
    std::shared_ptr<const std::string> segment(std::string_view hall, std::string_view rung, std::string_view name) const;

    // Replays (contract 7.5), from the recordings; safe from any thread. The slice is [from_ms, to_ms) of
    // program time; `ended`: a VOD playlist, else an EVENT one. Nothing for an unknown hall or rung, or a hall
    // that recorded nothing of the slice.
    std::optional<std::string> vod_playlist(std::string_view hall, std::string_view rung, std::int64_t from_ms,
                                            std::int64_t to_ms, bool ended) const;
    std::optional<std::string> vod_master(std::string_view hall, std::int64_t from_ms, std::int64_t to_ms) const;
    // Where a recorded segment of the slice is on disk, from the recording's index (name is only a key).
    std::optional<std::filesystem::path> vod_segment(std::string_view hall, std::string_view rung,
                                                     std::string_view name, std::int64_t from_ms,
                                                     std::int64_t to_ms) const;
    // The slice of the hall's top rung (gaps included): what the replay's timeline is made of.
    std::vector<recorded_segment> recorded(std::string_view hall, std::int64_t from_ms, std::int64_t to_ms) const;
    // The start of the first segment or gap the hall's top rung keeps, and the end of the last it has written;
    // nothing when it has none.
    std::optional<std::int64_t> recorded_from(std::string_view hall) const;
    std::optional<std::int64_t> recorded_until(std::string_view hall) const;
    // The directory every recording is under (data_dir/recordings).
    const std::filesystem::path& recordings_dir() const { return recordings_dir_; }

private:
    struct subscriber {
        boost::asio::any_io_executor executor;
        status_handler handler;
    };

    const hall_channel* find(std::string_view hall) const;
    const rung_recording* find_recording(std::string_view hall, std::string_view rung) const;
    void housekeeping();
    std::shared_ptr<const hls_snapshot> rung_snapshot(std::string_view hall, std::string_view rung) const;
    void set_slates(std::chrono::seconds duration);
    void notify(const std::string& hall, stream_status status);
    void run_start();
    void tick();

    const config::media_settings& settings_;
    std::filesystem::path recordings_dir_;
    // Declared before the worker: the worker (destroyed first) stops before the recordings it writes go.
    std::map<std::string, std::unique_ptr<hall_recording>, std::less<>> recordings_;
    recording_worker recorder_;
    std::unique_ptr<state_worker> states_;
    std::unique_ptr<glib_loop> loop_;
    std::vector<std::unique_ptr<hall_channel>> channels_;
    std::vector<std::unique_ptr<hall_relay>> relays_;  // halls with a source only
    std::vector<subscriber> subscribers_;
    std::atomic<bool> stopping_{false};
    bool started_ = false;
};

}  // namespace veche::media
