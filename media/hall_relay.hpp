#pragma once
// One hall's GStreamer pipeline: source → (demux → parse) → mpegtsmux →
// appsink, feeding the hall's channel. On an error, an end of stream or a
// source that stops delivering, the pipeline is thrown away and built again
// after a pause, forever (MediaMTX's static source handler does the same).
// Every method runs on the media thread; GStreamer's streaming threads only
// hand samples over to it.

#include "common/metrics_registry.hpp"
#include "config/source_uri.hpp"
#include "media/hall_channel.hpp"
#include "media/state_worker.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

using GstElement = struct _GstElement;
using GstMessage = struct _GstMessage;
using GstSample = struct _GstSample;
using GSource = struct _GSource;
using GMainContext = struct _GMainContext;

namespace veche::media {

class hall_relay {
public:
    hall_relay(config::source_uri source, std::string hall_name, hall_channel& channel, GMainContext* context,
               state_worker& states, std::chrono::milliseconds retry, metrics_registry& metrics);
    ~hall_relay();
    hall_relay(const hall_relay&) = delete;
    hall_relay& operator=(const hall_relay&) = delete;

    void start();
    void tick(steady_clock::time_point now, wall_clock::time_point wall);
    void stop();

    // From the appsink hand-off, the bus watch and the state worker (all delivered on the media thread).
    void on_sample(std::uint64_t generation, GstSample* sample);
    void on_message(GstMessage* message);
    void on_started(std::uint64_t generation, bool ok);

private:
    void build();
    void tear_down();
    void failed(const std::string& what);

    config::source_uri source_;
    std::string hall_name_;
    hall_channel& channel_;
    GMainContext* context_;
    state_worker& states_;
    std::chrono::milliseconds retry_;
    counter& reconnects_;

    GstElement* pipeline_ = nullptr;
    GSource* bus_watch_ = nullptr;
    std::uint64_t generation_ = 0;  // samples of a pipeline already thrown away are dropped
    std::optional<steady_clock::time_point> rebuild_at_;
    bool rebuild_on_loss_ = true;
    unsigned failures_ = 0;  // in a row, to keep a hall that is down from flooding the log
    bool stopped_ = false;
};

}  // namespace veche::media
