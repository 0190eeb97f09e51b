#pragma once
// Watches and steers the ladder's part of one pipeline (ladder_description.hpp)
// from GStreamer's streaming threads, without ever blocking them:
//  * when the source's picture size is known (or changes), plans the rungs
//    (ladder_plan.hpp), sizes the encoded ones and lets only those through;
//  * makes each rung's encoder start a picture group at every keyframe of the
//    source, so that every rung can be cut where the top is;
//  * counts each rung's encoded pictures, the time its encoder took and the
//    pictures its leaky queue dropped.
// The counts are read from the media thread.

#include "core/event_definition.hpp"
#include "media/ladder_plan.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

using GstElement = struct _GstElement;

namespace veche::media {

class ladder_probes {
public:
    struct totals {
        std::uint64_t frames = 0;
        std::uint64_t encode_ns = 0;
        std::uint64_t dropped = 0;
    };
    using plan_handler = std::function<void(const ladder_plan&)>;

    // on_plan is called on a streaming thread whenever the plan changes.
    ladder_probes(std::vector<core::rung_definition> ladder, plan_handler on_plan);
    ~ladder_probes();
    ladder_probes(const ladder_probes&) = delete;
    ladder_probes& operator=(const ladder_probes&) = delete;

    // Attaches to the named elements of a pipeline built from ladder_elements(); the probes keep this object's
    // state alive for as long as the pipeline holds them.
    void attach(GstElement* pipeline);

    // Since the pipeline started; safe from any thread.
    totals figures(std::size_t rung) const;

    struct state;

private:
    std::shared_ptr<state> state_;
};

}  // namespace veche::media
