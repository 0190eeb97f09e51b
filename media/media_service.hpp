#pragma once
// Video for every hall: one relay per configured source, all on one GLib
// thread, publishing HLS from memory. The rest of the server reaches media
// only through this class: the HTTP routes read playlists and segments, the
// API reads statuses, and the hub learns of status changes by subscribing.

#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "core/event_definition.hpp"
#include "media/hls_snapshot.hpp"
#include "media/stream_status.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
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

private:
    struct subscriber {
        boost::asio::any_io_executor executor;
        status_handler handler;
    };

    const hall_channel* find(std::string_view hall) const;
    std::shared_ptr<const hls_snapshot> rung_snapshot(std::string_view hall, std::string_view rung) const;
    void set_slates(std::chrono::seconds duration);
    void notify(const std::string& hall, stream_status status);
    void run_start();
    void tick();

    const config::media_settings& settings_;
    std::unique_ptr<state_worker> states_;
    std::unique_ptr<glib_loop> loop_;
    std::vector<std::unique_ptr<hall_channel>> channels_;
    std::vector<std::unique_ptr<hall_relay>> relays_;  // halls with a source only
    std::vector<subscriber> subscribers_;
    std::atomic<bool> stopping_{false};
    bool started_ = false;
};

}  // namespace veche::media
