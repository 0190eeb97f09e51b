#pragma once
// One hall's GStreamer pipeline: source → (demux → parse) → mpegtsmux →
// appsink, feeding the hall's channel, and the ladder's rungs beside it when
// the hall has one (ladder_description.hpp), each into its own appsink. On an error, an end of stream or a
// source that stops delivering, the pipeline is thrown away and built again
// after a pause, forever (MediaMTX's static source handler does the same).
// Every method runs on the media thread; GStreamer's streaming threads only
// hand samples over to it.

#include "common/metrics_registry.hpp"
#include "core/source_uri.hpp"
#include "media/hall_channel.hpp"
#include "media/ladder_description.hpp"
#include "media/ladder_probes.hpp"
#include "media/state_worker.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using GstElement = struct _GstElement;
using GstMessage = struct _GstMessage;
using GstSample = struct _GstSample;
using GSource = struct _GSource;
using GMainContext = struct _GMainContext;

namespace veche::media {

class hall_relay {
public:
    hall_relay(core::source_uri source, std::string hall_name, ladder_layout ladder, hall_channel& channel,
               GMainContext* context, state_worker& states, std::chrono::milliseconds retry, metrics_registry& metrics);
    ~hall_relay();
    hall_relay(const hall_relay&) = delete;
    hall_relay& operator=(const hall_relay&) = delete;

    void start();
    void tick(steady_clock::time_point now, wall_clock::time_point wall);
    void stop();

    // From the appsink hand-offs (rung: none for the top), the bus watch, the state worker and the ladder's
    // probes (all delivered on the media thread).
    void on_sample(std::uint64_t generation, std::optional<std::size_t> rung, GstSample* sample);
    void on_message(GstMessage* message);
    void on_started(std::uint64_t generation, bool ok);
    void on_plan(std::uint64_t generation, const ladder_plan& plan);

private:
    void build();
    void tear_down();
    void failed(const std::string& what);
    void count_encoders(steady_clock::time_point now);

    core::source_uri source_;
    std::string hall_name_;
    ladder_layout ladder_;
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
    std::unique_ptr<ladder_probes> probes_;  // of the current pipeline, for a hall with lower rungs
    std::vector<ladder_probes::totals> last_figures_;
    steady_clock::time_point figures_at_;
};

}  // namespace veche::media
